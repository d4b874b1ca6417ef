"""The S3 backend of attachments against a local S3 emulator (moto's server, started here)."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import uuid

import pytest
from PIL import Image

from tests.ports import free_port
from tests.server.api import OWNER, OWNER_CODE
from tests.server.service_support import norm_body
from tests.server.test_service_attachments import GPS_IFD, jpeg_with_gps

boto3 = pytest.importorskip("boto3", reason="boto3 is not installed")
pytest.importorskip("moto.server", reason="moto[server] is not installed")


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("moto server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def bucket() -> str:
    return f"diennha-attachments-{uuid.uuid4().hex[:12]}"  # one per test: the server stays up


@pytest.fixture
def s3(s3_endpoint, bucket, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "DIENNHA_S3_BUCKET": bucket,
        "DIENNHA_S3_ENDPOINT_URL": s3_endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=bucket)
    return client


@pytest.mark.usefixtures("demo")
async def test_attachments_go_to_the_bucket_without_their_metadata(
    api, client, s3, bucket, settings
):
    h = await api.headers(OWNER)
    rid = (await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)).json()[
        "id"
    ]
    r = await client.post(
        f"/service-requests/{rid}/attachments",
        files={"file": ("anh.jpg", jpeg_with_gps(), "image/jpeg")},
        headers=h,
    )
    assert r.status_code == 201, r.text
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=f"{rid}/")["Contents"]]
    assert len(keys) == 1
    stored = s3.get_object(Bucket=bucket, Key=keys[0])
    assert stored["ContentType"] == "image/jpeg"
    data = stored["Body"].read()
    assert not Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    assert not (settings.data_dir / "attachments").exists()  # nothing written locally
    got = await client.get(f"/service-requests/{rid}/attachments/{r.json()['id']}", headers=h)
    assert got.status_code == 200 and got.content == data
