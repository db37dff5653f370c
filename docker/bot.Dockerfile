# Bot image: Rasa server and action server (same image, different command).
# Python 3.10 is what Rasa 3.6 declares, so the lock installs with the resolver here.
FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
COPY requirements/bot.lock requirements/bot.lock
RUN pip install --no-cache-dir --no-deps -r requirements/bot.lock
COPY bot/ bot/
COPY nlu_data/ nlu_data/
COPY actions/ actions/
COPY swedish/ swedish/
COPY content/ content/
RUN rasa train --config bot/config.yml --domain bot/domain --data bot/data nlu_data \
      --out models --fixed-model-name ingang
RUN useradd --system --uid 1001 ingang && chown -R ingang /app
USER ingang
ENV PYTHONPATH=/app
EXPOSE 5005 5055
CMD ["rasa", "run", "--model", "models/ingang.tar.gz", "--enable-api", "--port", "5005", \
     "--endpoints", "bot/endpoints.compose.yml", "--credentials", "bot/credentials.yml"]
