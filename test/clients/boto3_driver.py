"""Runs Kinesis (or, with a second argument, Firehose) calls with boto3 for the clients suite.

Reads one JSON request per line on stdin: {"op": "PutRecord", "params": {...}} or
{"waiter": "stream_exists", "params": {...}}. Blob members arrive base64-encoded and are sent as bytes.
Writes one JSON line per request: {"ok": true, "output": ...} or {"ok": false, "code": ..., "message": ...},
with bytes printed as base64 and datetimes in ISO 8601, the way the AWS CLI prints them.
"""
import base64
import datetime
import json
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, WaiterError


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def decode_blobs(op, params):
    if op == "PutRecord" and "Record" in params:  # Firehose
        params["Record"]["Data"] = base64.b64decode(params["Record"]["Data"])
    elif op == "PutRecord":
        params["Data"] = base64.b64decode(params["Data"])
    elif op in ("PutRecords", "PutRecordBatch"):
        for record in params["Records"]:
            record["Data"] = base64.b64decode(record["Data"])
    return params


def printable(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [printable(v) for v in value]
    return value


def main():
    endpoint = sys.argv[1]
    service = sys.argv[2] if len(sys.argv) > 2 else "kinesis"
    client = boto3.client(
        service,
        endpoint_url=endpoint,
        # Against a TLS endpoint the server's certificate is self-signed, as users of --tls meet it.
        verify=not endpoint.startswith("https:"),
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=60),
    )
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if "waiter" in request:
                waiter = client.get_waiter(request["waiter"])
                waiter.wait(**request["params"], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
                reply = {"ok": True, "output": {}}
            else:
                op = request["op"]
                method = getattr(client, snake(op))
                reply = {"ok": True, "output": printable(method(**decode_blobs(op, request["params"])))}
        except ClientError as error:
            err = error.response.get("Error", {})
            reply = {"ok": False, "code": err.get("Code", ""), "message": err.get("Message", "")}
        except WaiterError as error:
            reply = {"ok": False, "code": "WaiterError", "message": str(error)}
        except Exception as error:  # a client-side failure is a result too: the test reports it
            reply = {"ok": False, "code": type(error).__name__, "message": str(error)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
