"""The Kubernetes manifests in deploy/k8s, read as YAML and checked field by field.

No schema validator ships with the app's requirements; kubernetes-validate (PyPI) passed
them against Kubernetes 1.37 when they were written (README.md, "Serving a class").
"""

from pathlib import Path

import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"


def manifests() -> dict[str, dict]:
    found = {}
    for path in sorted(K8S.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            assert {"apiVersion", "kind", "metadata", "spec"} <= set(document), path
            found[document["kind"]] = document
    return found


def test_there_are_a_deployment_a_service_and_an_ingress():
    kinds = manifests()
    assert {k: v["apiVersion"] for k, v in kinds.items()} == {
        "Deployment": "apps/v1", "Service": "v1", "Ingress": "networking.k8s.io/v1"}


def test_deployment_probes_health_and_sets_resources():
    deployment = manifests()["Deployment"]["spec"]
    labels = deployment["template"]["metadata"]["labels"]
    assert deployment["selector"]["matchLabels"] == labels == {"app": "lstm-lab"}
    (container,) = deployment["template"]["spec"]["containers"]
    assert container["ports"] == [{"name": "http", "containerPort": 8501}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    assert set(container["resources"]) == {"requests", "limits"}
    assert container["resources"]["limits"]["memory"] == "2Gi"
    assert deployment["template"]["spec"]["securityContext"] == {"runAsNonRoot": True}


def test_service_keeps_a_student_on_one_pod():
    service = manifests()["Service"]["spec"]
    assert service["selector"] == {"app": "lstm-lab"}
    assert service["sessionAffinity"] == "ClientIP"
    assert service["ports"][0]["targetPort"] == "http"


def test_ingress_keeps_websockets_open_and_routes_to_the_service():
    ingress = manifests()["Ingress"]
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/proxy-read-timeout"] == "86400"
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": manifests()["Service"]["metadata"]["name"], "port": {"name": "http"}}
