"""Checks an SQS error the way each boto3 protocol reports it."""


def assert_error(exc_info, query_code, json_type=None, client=None):
    """Checks an SQS ClientError the way each protocol reports it.

    query protocol: Error.Code is the documented query code (e.g.
    'AWS.SimpleQueueService.NonExistentQueue').
    JSON protocol: AWS sends __type '<json_type>' plus the header
    x-amzn-query-error '<query_code>;Sender'; botocore then reports Code =
    query_code and QueryErrorCode = json_type. An endpoint that omits the header
    yields Code = json_type; both are accepted, nothing else.
    If `client` is given and json_type names a modeled error, the exception is
    also an instance of client.exceptions.<json_type> (what user code catches).
    """
    err = exc_info.value.response["Error"]
    code = err.get("Code")
    json_type = json_type or query_code
    protocol = client.meta.service_model.protocol if client is not None else None
    if protocol == "query":
        assert code == query_code, err
    else:
        assert code in {query_code, json_type}, err
        if code == query_code and query_code != json_type and "QueryErrorCode" in err:
            assert err["QueryErrorCode"] == json_type, err
    status = exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"]
    assert 400 <= status < 500, (status, err)
    if client is not None and hasattr(client.exceptions, json_type):
        assert isinstance(exc_info.value, getattr(client.exceptions, json_type)), \
            (type(exc_info.value), err)
    return err


def assert_error_code_in(exc_info, codes):
    """Checks a 4xx ClientError whose Code is one of `codes` (where AWS documents no single one)."""
    err = exc_info.value.response["Error"]
    assert err.get("Code") in codes, err
    status = exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"]
    assert 400 <= status < 500, (status, err)
    return err
