"""Problems the user is told about in their language: a code that names the message, and its parameters.

Every problem a user may meet (a file that cannot be read, a busy or damaged database, a role that may not see
something, charts that cannot be drawn, a refused account change, an unusable backup) is a CodedProblem. The pages
show it through one handler (pages.common.friendly_errors) and the command line through one (cli.main): its
message, never a traceback.
"""

from __future__ import annotations


class CodedProblem(Exception):
    """`code`, under the class's `catalogue` in analytics.i18n, names the message; `params` fill it in."""

    catalogue = ""
    exit_code = 1  # the command line's exit status (2: the input cannot be used as it is)
    tone = "error"  # how a page shows it: "error", "warning" or "info"
    icon = "error"  # a Material icon name beside it on a page

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def message(self, lang: str = "vi") -> str:
        from analytics.i18n import t  # (i18n imports nothing from here; kept local so any module may raise these)

        return t(f"{self.catalogue}.{self.code}", lang, **self.params)
