"""The Echo test service on python3-grpcio, an independent gRPC implementation.

Usage: echo_server.py STUB_DIR
Binds 127.0.0.1 on a free port, prints "READY <port>", serves until stdin closes or it is killed.
"""
import sys
import threading
from concurrent import futures

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import echo_pb2  # noqa: E402
import echo_pb2_grpc  # noqa: E402

CODES = {code.value[0]: code for code in grpc.StatusCode}


def echoed_metadata(context):
    return [(key, value) for key, value in context.invocation_metadata() if key.startswith("x-echo-")]


def behave(request, context):
    if request.delay_ms:
        # Wake early when the call ends (deadline or cancellation), like the C# service does.
        done = threading.Event()
        context.add_callback(done.set)
        done.wait(request.delay_ms / 1000.0)
    if request.fail_code:
        context.set_trailing_metadata([("x-fail-reason", "forced-by-python")])
        context.abort(CODES[request.fail_code], request.fail_detail)


def reply(request, index=0):
    return echo_pb2.EchoReply(text=request.text, index=index, payload=b"\0" * request.reply_payload_size,
                              received_bytes=len(request.payload))


class Echo(echo_pb2_grpc.EchoServicer):
    def Unary(self, request, context):
        metadata = echoed_metadata(context)
        if metadata:
            context.send_initial_metadata(metadata)
            context.set_trailing_metadata(metadata)
        behave(request, context)
        return reply(request)

    def ServerStream(self, request, context):
        for index in range(request.reply_count):
            yield reply(request, index)
        behave(request, context)

    def ClientStream(self, request_iterator, context):
        texts, total = [], 0
        for request in request_iterator:
            texts.append(request.text)
            total += len(request.payload)
            behave(request, context)
        return echo_pb2.EchoReply(text=",".join(texts), received_count=len(texts), received_bytes=total)

    def Duplex(self, request_iterator, context):
        for index, request in enumerate(request_iterator):
            behave(request, context)
            yield reply(request, index)


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    echo_pb2_grpc.add_EchoServicer_to_server(Echo(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"READY {port}", flush=True)
    sys.stdin.read()
    server.stop(grace=None)


if __name__ == "__main__":
    main()
