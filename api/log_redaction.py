"""Keep the Rasa token out of logs: httpx logs every request URL, and Rasa takes `?token=`."""

from __future__ import annotations

import logging
import re

_TOKEN_PARAM = re.compile(r"([?&]token=)[^&\s\"']+")


class RedactTokenFilter(logging.Filter):
    """Replaces `token=<value>` in a log record's message with `token=***`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _TOKEN_PARAM.sub(r"\1***", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def install_token_redaction(logger_names: tuple[str, ...] = ("httpx", "httpcore")) -> None:
    """Add the filter once to the HTTP client loggers."""
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokenFilter) for f in logger.filters):
            logger.addFilter(RedactTokenFilter())
