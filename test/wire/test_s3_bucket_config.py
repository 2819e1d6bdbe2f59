"""S3 bucket sub-resources through boto3: policy, CORS configuration, lifecycle, tagging,
default encryption, ownership controls and public access block defaults.

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server. The browser side of CORS is in
test_s3_cors.py; notifications are in test_s3_notifications.py.
"""
import json

import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error, unique_bucket_name


def public_read_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{bucket}/*",
        }],
    }


# ----------------------------------------------------------------------------- policy


def test_bucket_without_policy_fails_no_such_bucket_policy(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_bucket_policy(Bucket=bucket)
    assert_s3_error(e, "NoSuchBucketPolicy", 404)


@pytest.mark.moto_gap("moto answers 200 to PutBucketPolicy")
def test_put_bucket_policy_answers_204(s3, bucket):
    # Public access block is on by default for new buckets (AWS, April 2023); this policy
    # is not public, so it is accepted everywhere.
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject",
        "Resource": f"arn:aws:s3:::{bucket}/*"}]}
    r = s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204


def allow_public_policies(s3, bucket):
    """Removes the bucket's public access block, which new buckets have (AWS, April 2023)."""
    s3.delete_public_access_block(Bucket=bucket)


def test_bucket_policy_round_trips_and_deletes(s3, bucket):
    allow_public_policies(s3, bucket)
    policy = public_read_policy(bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    assert json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"]) == policy
    r = s3.delete_bucket_policy(Bucket=bucket)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        s3.get_bucket_policy(Bucket=bucket)
    assert_s3_error(e, "NoSuchBucketPolicy", 404)


@pytest.mark.moto_gap("moto does not enforce BlockPublicPolicy")
def test_public_policy_is_refused_while_block_public_policy_is_on(s3, bucket):
    # AWS: "When BlockPublicPolicy is TRUE ... calls to PUT Bucket policy fail if the
    # specified bucket policy allows public access" (403 AccessDenied) (S3 API reference,
    # PublicAccessBlockConfiguration). New buckets have it on.
    with pytest.raises(ClientError) as e:
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read_policy(bucket)))
    assert_s3_error(e, "AccessDenied", 403)


@pytest.mark.parametrize("policy", [
    "this is not json",
    json.dumps({"Version": "2012-10-17"}),  # no Statement
    json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::some-other-bucket-entirely/*"}]}),  # resource outside it
], ids=["not-json", "no-statement", "foreign-resource"])
@pytest.mark.moto_gap("moto does not validate bucket policies")
def test_malformed_bucket_policy_fails_malformed_policy(s3, bucket, policy):
    with pytest.raises(ClientError) as e:
        s3.put_bucket_policy(Bucket=bucket, Policy=policy)
    # AWS: 400 MalformedPolicy ("Policies must be valid JSON...", "Missing required field
    # Statement", "Policy has invalid resource").
    assert_s3_error(e, "MalformedPolicy", 400)


def test_policy_of_a_missing_bucket_fails_no_such_bucket(s3):
    with pytest.raises(ClientError) as e:
        s3.get_bucket_policy(Bucket=unique_bucket_name("missing"))
    assert_s3_error(e, "NoSuchBucket", 404)


# ----------------------------------------------------------------------------- CORS


CORS_RULES = [
    {"ID": "app", "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "PUT"],
     "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag", "x-amz-request-id"],
     "MaxAgeSeconds": 600},
    {"AllowedOrigins": ["*"], "AllowedMethods": ["HEAD"]},
]


def test_bucket_without_cors_fails_no_such_cors_configuration(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_bucket_cors(Bucket=bucket)
    assert_s3_error(e, "NoSuchCORSConfiguration", 404)


def test_cors_configuration_round_trips_and_deletes(s3, bucket):
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": CORS_RULES})
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == CORS_RULES
    r = s3.delete_bucket_cors(Bucket=bucket)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        s3.get_bucket_cors(Bucket=bucket)
    assert_s3_error(e, "NoSuchCORSConfiguration", 404)


def test_cors_rule_with_an_unsupported_method_is_rejected(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]})
    # AWS: "Found unsupported HTTP method in CORS config. Unsupported method is PATCH"
    # (400 InvalidRequest).
    assert_s3_error(e, "InvalidRequest", 400)


# ----------------------------------------------------------------------------- lifecycle


LIFECYCLE_RULES = [
    {"ID": "expire-tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"},
     "Expiration": {"Days": 7}},
    {"ID": "old-versions", "Status": "Enabled", "Filter": {"Prefix": ""},
     "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
     "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}},
]


def test_bucket_without_lifecycle_fails_no_such_lifecycle_configuration(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    assert_s3_error(e, "NoSuchLifecycleConfiguration", 404)


def test_lifecycle_configuration_is_stored_and_echoed(s3, bucket):
    s3.put_bucket_lifecycle_configuration(Bucket=bucket,
                                          LifecycleConfiguration={"Rules": LIFECYCLE_RULES})
    rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert [r["ID"] for r in rules] == ["expire-tmp", "old-versions"]
    assert rules[0]["Expiration"] == {"Days": 7}
    assert rules[0]["Filter"] == {"Prefix": "tmp/"}
    assert rules[0]["Status"] == "Enabled"
    assert rules[1]["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30
    assert rules[1]["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 2}
    r = s3.delete_bucket_lifecycle(Bucket=bucket)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    assert_s3_error(e, "NoSuchLifecycleConfiguration", 404)


def test_lifecycle_rule_with_tag_and_prefix_filter(s3, bucket):
    rule = {"ID": "and", "Status": "Disabled",
            "Filter": {"And": {"Prefix": "logs/", "Tags": [{"Key": "tier", "Value": "cold"}]}},
            "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [rule]})
    got = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"][0]
    assert got["Filter"] == rule["Filter"]
    assert got["Transitions"] == rule["Transitions"]
    assert got["Status"] == "Disabled"


# ----------------------------------------------------------------------------- tagging


def test_bucket_without_tags_fails_no_such_tag_set(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_bucket_tagging(Bucket=bucket)
    assert_s3_error(e, "NoSuchTagSet", 404)


def test_bucket_tagging_round_trips_and_deletes(s3, bucket):
    tags = [{"Key": "team", "Value": "data"}, {"Key": "env", "Value": "staging"}]
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tags})
    got = s3.get_bucket_tagging(Bucket=bucket)["TagSet"]
    assert sorted(got, key=lambda t: t["Key"]) == sorted(tags, key=lambda t: t["Key"])
    r = s3.delete_bucket_tagging(Bucket=bucket)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        s3.get_bucket_tagging(Bucket=bucket)
    assert_s3_error(e, "NoSuchTagSet", 404)


# ----------------------------------------------------------------------------- encryption


def sse_rule(r):
    return r["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]


@pytest.mark.moto_gap("moto has no default bucket encryption")
def test_bucket_without_encryption_config_reports_default_aes256(s3, bucket):
    # AWS: since January 2023 every bucket has SSE-S3 (AES256) as its default encryption
    # (S3 user guide, "Setting default server-side encryption behavior").
    assert sse_rule(s3.get_bucket_encryption(Bucket=bucket)) == {"SSEAlgorithm": "AES256"}


@pytest.mark.moto_gap("moto has no default object encryption")
def test_objects_are_encrypted_with_aes256_by_default(s3, bucket):
    r = s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert r["ServerSideEncryption"] == "AES256"
    assert s3.head_object(Bucket=bucket, Key="k")["ServerSideEncryption"] == "AES256"


def test_bucket_encryption_round_trips(s3, bucket):
    config = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
                         "BucketKeyEnabled": True}]}
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=config)
    got = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert got["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert got["BucketKeyEnabled"] is True


@pytest.mark.moto_gap("moto has no default bucket encryption")
def test_deleting_bucket_encryption_restores_the_default(s3, bucket):
    config = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
                         "BucketKeyEnabled": True}]}
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=config)
    r = s3.delete_bucket_encryption(Bucket=bucket)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert sse_rule(s3.get_bucket_encryption(Bucket=bucket)) == {"SSEAlgorithm": "AES256"}


# ----------------------------------------------------------------------------- new-bucket defaults


@pytest.mark.moto_gap("moto creates buckets without ownership controls")
def test_new_bucket_has_acls_disabled_by_ownership_controls(s3, bucket):
    # AWS: since April 2023 new buckets have Object Ownership "BucketOwnerEnforced"
    # (S3 user guide, "Controlling ownership of objects and disabling ACLs").
    rules = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    assert rules == [{"ObjectOwnership": "BucketOwnerEnforced"}]


@pytest.mark.moto_gap("moto creates buckets without a public access block")
def test_new_bucket_blocks_public_access(s3, bucket):
    # AWS: since April 2023 new buckets have all four Block Public Access settings on.
    config = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert config == {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                      "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
