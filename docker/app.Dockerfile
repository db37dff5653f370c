# App image: the FastAPI entry point and escalation API (migrations run at start-up).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements/app.lock requirements/app.lock
RUN pip install --no-cache-dir -r requirements/app.lock
COPY api/ api/
COPY speech/ speech/
COPY swedish/ swedish/
COPY content/ content/
COPY alembic.ini* ./
RUN useradd --system --uid 1001 ingang && mkdir -p var && chown -R ingang /app
USER ingang
ENV PYTHONPATH=/app
EXPOSE 8000
CMD ["uvicorn", "api.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
