"""Problems with a whole file: the import stops and the user is told why, in their language."""

from __future__ import annotations


class FileProblem(Exception):
    """The file cannot be read as a task table. `code` keys the message catalogue (analytics.i18n)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "vi") -> str:
        from analytics.i18n import t

        params = dict(self.params)
        if isinstance(params.get("columns"), list):  # canonical names -> the user's words
            params["columns"] = ", ".join(t(f"column.{name}", lang) for name in params["columns"])
        return t(f"file_problem.{self.code}", lang, **params)
