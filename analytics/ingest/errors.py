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


class RegistryProblem(FileProblem):
    """A unit registry whose mergers cannot be followed (analytics.lineage): every problem, with the rows it names.
    Nothing of the registry is stored."""

    def __init__(self, problems: list) -> None:  # analytics.lineage.LineageProblem
        super().__init__("registry_lineage", problems=[(p.code, list(p.rows), dict(p.params)) for p in problems])

    def message(self, lang: str = "vi") -> str:
        from analytics.i18n import t

        said = [t("file_problem.registry_row", lang, rows=", ".join(map(str, rows)), text=t(f"lineage.{code}", lang,
                                                                                          **params))
                for code, rows, params in self.params["problems"]]
        return t("file_problem.registry_lineage", lang, problems="; ".join(said))
