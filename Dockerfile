# LSTM Lab for a class: one Streamlit process on port 8501, the shipped models inside.
#   docker build -t lstm-lab . && docker run --rm -p 8501:8501 lstm-lab
# README.md ("Serving a class") explains the settings and how to run several replicas.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A numeric, non-root user: Kubernetes (runAsNonRoot) can check it without a passwd file.
RUN groupadd --system --gid 10001 lab && useradd --system --uid 10001 --gid lab --create-home --home-dir /home/lab lab
WORKDIR /app

# The pinned requirements first, so a code change does not reinstall TensorFlow.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# The app, its settings (.streamlit/config.toml) and the shipped models (assets/).
COPY --chown=10001:10001 . .

USER 10001:10001
# Every shipped model is read and its SHA-256 checked once at build: a damaged image fails here.
RUN python -c "from lstm_core.gates import registry; [registry.load(e) for e in registry.SHIPPED]"

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
