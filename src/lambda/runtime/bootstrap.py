# stratus's Lambda runtime for Python: loads the handler named by _HANDLER
# ("path/module.function") from LAMBDA_TASK_ROOT and loops on the Lambda
# Runtime API (AWS_LAMBDA_RUNTIME_API). Embedded into the stratus binary and
# written to the data dir at start-up; see src/lambda/runtime/sandbox.h.
import http.client
import importlib
import importlib.util
import json
import logging
import os
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"


class RuntimeApi:
    """One keep-alive connection to the Runtime API; exits when stratus is gone."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.host, self.port = host, int(port)
        self.conn = None

    def call(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port)
                self.conn.request(method, API_PREFIX + path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response, response.read()
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 1:
                    os._exit(0)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn):
        self.aws_request_id = request_id
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = function_arn
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


class RequestIdFilter(logging.Filter):
    request_id = ""

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def install_logging():
    # AWS: the root logger writes "[LEVEL]\tTIME\tREQUEST_ID\tMESSAGE" lines.
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


class EndpointHook:
    """Makes botocore older than 1.31 (Debian's) honour AWS_ENDPOINT_URL, as newer
    SDKs do, so that boto3 in a handler calls stratus. Patches botocore only if and
    when the handler imports it, so that functions without boto3 start no slower."""

    def find_spec(self, name, path, target=None):
        if name != "botocore.session":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        original = spec.loader.exec_module

        def exec_module(module):
            original(module)
            import botocore
            version = tuple(int(p) for p in botocore.__version__.split(".")[:2])
            if version >= (1, 31):
                return
            create_client = module.Session.create_client

            def create_client_with_endpoint(self, *args, **kwargs):
                if len(args) < 6 and kwargs.get("endpoint_url") is None:
                    kwargs["endpoint_url"] = os.environ["AWS_ENDPOINT_URL"]
                return create_client(self, *args, **kwargs)

            module.Session.create_client = create_client_with_endpoint

        spec.loader.exec_module = exec_module
        return spec


def error_body(error, error_type=None, request_id=""):
    stack = traceback.format_list(traceback.extract_tb(error.__traceback__))
    return {"errorMessage": str(error), "errorType": error_type or type(error).__name__,
            "requestId": request_id, "stackTrace": [line.rstrip("\n") for line in stack]}


def out_of_memory(request_id):
    return {"errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: signal: killed",
            "errorType": "Runtime.OutOfMemory"}


def report_init_error(api, body):
    print(f"[ERROR] {body['errorType']}: {body['errorMessage']}", flush=True)
    api.call("POST", "/init/error", json.dumps(body).encode(),
             {"Lambda-Runtime-Function-Error-Type": body["errorType"]})
    sys.exit(1)


def load_handler(api):
    name = os.environ.get("_HANDLER", "")
    module_path, _, function_name = name.rpartition(".")
    if not module_path or not function_name:
        report_init_error(api, {"errorMessage": f"Bad handler '{name}': not enough values to "
                                                "unpack (expected 2, got 1)",
                                "errorType": "Runtime.MalformedHandlerName",
                                "requestId": "", "stackTrace": []})
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    try:
        module = importlib.import_module(module_path.replace("/", "."))
    except ImportError as e:
        report_init_error(api, {"errorMessage": f"Unable to import module '{module_path}': {e}",
                                "errorType": "Runtime.ImportModuleError",
                                "requestId": "", "stackTrace": []})
    except SyntaxError as e:
        report_init_error(api, {"errorMessage": f"Syntax error in module '{module_path}': {e}",
                                "errorType": "Runtime.UserCodeSyntaxError",
                                "requestId": "", "stackTrace": []})
    except Exception as e:  # noqa: BLE001 - any error of the user's module code
        report_init_error(api, error_body(e))
    handler = getattr(module, function_name, None)
    if handler is None:
        report_init_error(api, {"errorMessage": f"Handler '{function_name}' missing on module "
                                                f"'{module_path}'",
                                "errorType": "Runtime.HandlerNotFound",
                                "requestId": "", "stackTrace": []})
    return handler


def main():
    api = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])
    install_logging()
    if os.environ.get("AWS_ENDPOINT_URL"):
        sys.meta_path.insert(0, EndpointHook())
    handler = load_handler(api)
    while True:
        response, body = api.call("GET", "/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id", "")
        deadline = int(response.getheader("Lambda-Runtime-Deadline-Ms", "0"))
        arn = response.getheader("Lambda-Runtime-Invoked-Function-Arn", "")
        trace = response.getheader("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        RequestIdFilter.request_id = request_id
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            failure = {"errorMessage": f"Unable to unmarshal input: {e}",
                       "errorType": "Runtime.UnmarshalError", "requestId": request_id,
                       "stackTrace": []}
        else:
            try:
                result = handler(event, LambdaContext(request_id, deadline, arn))
            except MemoryError:
                # The process reached its MemorySize limit: AWS kills it and
                # reports Runtime.OutOfMemory; stratus then replaces it.
                failure = out_of_memory(request_id)
            except Exception as e:  # noqa: BLE001 - the handler's error goes to the caller
                failure = error_body(e, request_id=request_id)
                print(f"[ERROR] {failure['errorType']}: {failure['errorMessage']}", flush=True)
                for line in traceback.format_exc().rstrip("\n").split("\n"):
                    print(line, flush=True)
            else:
                try:
                    output = json.dumps(result).encode()
                except (TypeError, ValueError) as e:
                    failure = {"errorMessage": f"Unable to marshal response: {e}",
                               "errorType": "Runtime.MarshalError", "requestId": request_id,
                               "stackTrace": []}
                else:
                    api.call("POST", f"/invocation/{request_id}/response", output)
                    continue
        api.call("POST", f"/invocation/{request_id}/error", json.dumps(failure).encode(),
                 {"Lambda-Runtime-Function-Error-Type": failure["errorType"]})


if __name__ == "__main__":
    main()
