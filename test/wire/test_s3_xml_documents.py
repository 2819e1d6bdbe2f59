"""The XML documents S3 answers with: the root element of each response.

botocore ignores the root element's name, but other SDKs do not: smithy-rs (the AWS SDK
for Rust) rejects a document whose root is not the modelled @xmlName (ListBucketResult,
not ListObjectsV2Output), and the AWS SDK for Java v1's SAX handlers match element names
such as DeleteResult. So each response document must have the root the S3 API reference
shows for its operation. Real S3 also puts these in the S3 namespace; the API reference's
syntax sections do not show it, so only the local name is checked.
"""
import xml.etree.ElementTree as ElementTree

import pytest

class Captured:
    """Records the raw body of every S3 response a client receives while active."""

    def __init__(self, client):
        self.client = client
        self.bodies = {}

    def _record(self, http_response, model, **_):
        self.bodies[model.name] = http_response.content

    def __enter__(self):
        self.client.meta.events.register("after-call.s3", self._record,
                                         unique_id="xml-documents-capture")
        return self

    def __exit__(self, *exc):
        self.client.meta.events.unregister("after-call.s3", unique_id="xml-documents-capture")

    def root(self, operation):
        """The local name of the root element of the operation's response."""
        return ElementTree.fromstring(self.bodies[operation]).tag.split("}")[-1]


@pytest.fixture
def documents(s3, bucket):
    """Runs one of each operation that answers with XML; returns the captured bodies."""
    with Captured(s3) as captured:
        s3.list_buckets()
        s3.get_bucket_location(Bucket=bucket)
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        s3.get_bucket_versioning(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging="a=1")
        s3.get_object_tagging(Bucket=bucket, Key="k")
        s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "k"})
        s3.list_objects_v2(Bucket=bucket)
        s3.list_objects(Bucket=bucket)
        s3.list_object_versions(Bucket=bucket)
        upload_id = s3.create_multipart_upload(Bucket=bucket, Key="mpu")["UploadId"]
        etag = s3.upload_part(Bucket=bucket, Key="mpu", UploadId=upload_id, PartNumber=1,
                              Body=b"part")["ETag"]
        s3.list_parts(Bucket=bucket, Key="mpu", UploadId=upload_id)
        s3.list_multipart_uploads(Bucket=bucket)
        s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload_id,
                                     MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "copy"}]})
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]})
        s3.get_bucket_cors(Bucket=bucket)
    return captured


# AWS: root elements from the S3 API reference's response syntax for each operation.
EXPECTED_ROOTS = {
    "ListBuckets": "ListAllMyBucketsResult",
    "GetBucketLocation": "LocationConstraint",
    "GetBucketVersioning": "VersioningConfiguration",
    "GetObjectTagging": "Tagging",
    "CopyObject": "CopyObjectResult",
    "ListObjectsV2": "ListBucketResult",
    "ListObjects": "ListBucketResult",
    "ListObjectVersions": "ListVersionsResult",
    "CreateMultipartUpload": "InitiateMultipartUploadResult",
    "ListParts": "ListPartsResult",
    "ListMultipartUploads": "ListMultipartUploadsResult",
    "CompleteMultipartUpload": "CompleteMultipartUploadResult",
    "DeleteObjects": "DeleteResult",
    "GetBucketCors": "CORSConfiguration",
}


MOTO_ROOT_GAP = pytest.mark.moto_gap("moto names some roots <Operation>Response")


@pytest.mark.parametrize("operation", [
    pytest.param(op, marks=MOTO_ROOT_GAP) if op in (
        "CompleteMultipartUpload", "GetBucketVersioning", "ListParts") else op
    for op in sorted(EXPECTED_ROOTS)])
def test_response_document_has_the_documented_root_element(documents, operation):
    assert documents.root(operation) == EXPECTED_ROOTS[operation], \
        documents.bodies[operation][:300]


def test_error_document_is_a_bare_error_element(raw_s3, bucket):
    r = raw_s3.get(f"/{bucket}/missing")
    assert r.status == 404
    # AWS: error bodies are <Error> without a namespace (S3 API reference, Error responses).
    assert ElementTree.fromstring(r.body).tag == "Error"
