"""Calls the Echo service with python3-grpcio and prints what it saw as one JSON object.

Usage: echo_client.py STUB_DIR HOST:PORT SCENARIO [PROBE_ID]
"""
import base64
import json
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import echo_pb2  # noqa: E402
import echo_pb2_grpc  # noqa: E402

TIMEOUT = 20


def metadata_json(metadata):
    """-bin values are bytes in python; send them as base64 so JSON can carry them."""
    return [[key, base64.b64encode(value).decode() if isinstance(value, bytes) else value]
            for key, value in (metadata or ())]


def error_json(error):
    return {"code": error.code().name, "details": error.details(),
            "trailing": metadata_json(error.trailing_metadata())}


def run(channel, scenario, extra):
    stub = echo_pb2_grpc.EchoStub(channel)
    if scenario == "unary":
        response, call = stub.Unary.with_call(
            echo_pb2.EchoRequest(text="hello from python", reply_payload_size=3),
            metadata=[("x-echo-text", "py-value"), ("x-echo-data-bin", b"\x00\x01\xfe\xff")],
            timeout=TIMEOUT)
        return {"code": call.code().name, "text": response.text, "payload_length": len(response.payload),
                "initial": metadata_json(call.initial_metadata()),
                "trailing": metadata_json(call.trailing_metadata())}
    if scenario == "server_stream":
        call = stub.ServerStream(echo_pb2.EchoRequest(text="s", reply_count=5), timeout=TIMEOUT)
        indexes = [r.index for r in call]
        return {"code": call.code().name, "indexes": indexes}
    if scenario == "client_stream":
        requests = (echo_pb2.EchoRequest(text=f"m{i}", payload=b"x" * i) for i in range(4))
        response = stub.ClientStream(requests, timeout=TIMEOUT)
        return {"text": response.text, "received_count": response.received_count,
                "received_bytes": response.received_bytes}
    if scenario == "duplex":
        requests = (echo_pb2.EchoRequest(text=t) for t in ["a", "b", "c"])
        return {"texts": [r.text for r in stub.Duplex(requests, timeout=TIMEOUT)]}
    if scenario == "error":
        try:
            stub.Unary(echo_pb2.EchoRequest(fail_code=5, fail_detail="no such app: ünïcode 100%"), timeout=TIMEOUT)
            return {"code": "OK"}
        except grpc.RpcError as error:
            return error_json(error)
    if scenario == "unimplemented":
        try:
            echo_pb2_grpc.UnservedStub(channel).Call(echo_pb2.EchoRequest(text="x"), timeout=TIMEOUT)
            return {"code": "OK"}
        except grpc.RpcError as error:
            return error_json(error)
    if scenario == "deadline":
        # Connect and warm the server up first, so the short deadline is spent in the handler
        # rather than on connection setup (which would never reach the server at all).
        grpc.channel_ready_future(channel).result(timeout=TIMEOUT)
        stub.Unary(echo_pb2.EchoRequest(text="warm-up"), timeout=TIMEOUT)
        try:
            stub.Unary(echo_pb2.EchoRequest(wait_for_cancellation=True, probe_id=extra[0]), timeout=1.0)
            return {"code": "OK"}
        except grpc.RpcError as error:
            return error_json(error)
    raise SystemExit(f"unknown scenario {scenario!r}")


def main():
    stub_dir, target, scenario, *extra = sys.argv[1:]
    with grpc.insecure_channel(target) as channel:
        print(json.dumps(run(channel, scenario, extra)))


if __name__ == "__main__":
    main()
