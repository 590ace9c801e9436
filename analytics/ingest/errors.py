"""Problems with a whole file: the import stops and the user is told why, in their language."""

from __future__ import annotations

from analytics.problems import CodedProblem


class FileProblem(CodedProblem):
    """The file cannot be read as a task table."""

    catalogue = "file_problem"
    exit_code = 2

    def message(self, lang: str = "vi") -> str:
        from analytics.i18n import t

        params = dict(self.params)
        if isinstance(params.get("columns"), list):  # canonical names -> the user's words
            params["columns"] = ", ".join(t(f"column.{name}", lang) for name in params["columns"])
        return t(f"{self.catalogue}.{self.code}", lang, **params)
