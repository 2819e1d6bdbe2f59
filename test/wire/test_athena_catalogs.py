"""Athena data catalogs besides AwsDataCatalog, tags, and InvalidRequestException's
AthenaErrorCode, through boto3.

GLUE, HIVE and LAMBDA catalogs are registered, read back, updated and deleted as
Athena keeps them (durably: athena.db); stratus queries only AwsDataCatalog, so
the others answer metadata calls and queries with a clear InvalidRequestException.
Tags on work groups and data catalogs follow TagResource/UntagResource/
ListTagsForResource.
"""
import os
import sys
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402

ACCOUNT = "000000000000"


@pytest.fixture(scope="module")
def athena(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client("athena", config=cfg)
    return boto3.client("athena", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


def unique(hint):
    return f"w_{hint}_{uuid.uuid4().hex[:8]}"


def arn(athena, kind, name):
    region = athena.meta.region_name
    return f"arn:aws:athena:{region}:{ACCOUNT}:{kind}/{name}"


def test_glue_catalog_round_trips_and_lists(athena):
    name = unique("glue")
    athena.create_data_catalog(Name=name, Type="GLUE", Description="other account",
                               Parameters={"catalog-id": "123456789012"})
    catalog = athena.get_data_catalog(Name=name)["DataCatalog"]
    assert catalog["Name"] == name and catalog["Type"] == "GLUE"
    assert catalog["Description"] == "other account"
    assert catalog["Parameters"] == {"catalog-id": "123456789012"}
    summaries = athena.list_data_catalogs()["DataCatalogsSummary"]
    assert {"CatalogName": "AwsDataCatalog", "Type": "GLUE"} in summaries
    assert {"CatalogName": name, "Type": "GLUE"} in summaries
    athena.delete_data_catalog(Name=name)
    with pytest.raises(ClientError) as error:
        athena.get_data_catalog(Name=name)
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"


def test_update_replaces_type_description_and_parameters(athena):
    name = unique("lambda")
    function = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:connector"
    athena.create_data_catalog(Name=name, Type="LAMBDA", Parameters={"function": function})
    athena.update_data_catalog(Name=name, Type="HIVE", Description="metastore",
                               Parameters={"metadata-function": function})
    catalog = athena.get_data_catalog(Name=name)["DataCatalog"]
    assert catalog["Type"] == "HIVE" and catalog["Description"] == "metastore"
    assert catalog["Parameters"] == {"metadata-function": function}
    athena.delete_data_catalog(Name=name)


def test_duplicate_and_reserved_names_are_invalid_requests(athena):
    name = unique("dup")
    athena.create_data_catalog(Name=name, Type="GLUE", Parameters={"catalog-id": "1"})
    for taken in (name, "AwsDataCatalog"):
        with pytest.raises(ClientError) as error:
            athena.create_data_catalog(Name=taken, Type="GLUE", Parameters={"catalog-id": "1"})
        assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    with pytest.raises(ClientError) as error:
        athena.delete_data_catalog(Name="AwsDataCatalog")
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    athena.delete_data_catalog(Name=name)


@pytest.mark.stratus_only
def test_registered_catalog_is_not_queryable(athena):
    name = unique("hive")
    athena.create_data_catalog(Name=name, Type="HIVE",
                               Parameters={"metadata-function": "arn:aws:lambda:x"})
    with pytest.raises(ClientError) as error:
        athena.list_databases(CatalogName=name)
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "AwsDataCatalog" in error.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as error:
        athena.start_query_execution(QueryString="SELECT 1",
                                     QueryExecutionContext={"Catalog": name},
                                     ResultConfiguration={"OutputLocation": "s3://b/p/"})
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    athena.delete_data_catalog(Name=name)


def test_invalid_request_carries_athena_error_code(athena):
    with pytest.raises(ClientError) as error:
        athena.get_query_execution(QueryExecutionId=str(uuid.uuid4()))
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    assert error.value.response.get("AthenaErrorCode") == "INVALID_INPUT"


def test_work_group_tags_round_trip(athena):
    name = unique("tagged")
    athena.create_work_group(Name=name, Tags=[{"Key": "team", "Value": "data"}])
    resource = arn(athena, "workgroup", name)
    assert athena.list_tags_for_resource(ResourceARN=resource)["Tags"] == [
        {"Key": "team", "Value": "data"}]
    athena.tag_resource(ResourceARN=resource, Tags=[{"Key": "env", "Value": "dev"},
                                                    {"Key": "team", "Value": "lake"}])
    tags = athena.list_tags_for_resource(ResourceARN=resource)["Tags"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("env", "dev"), ("team", "lake")]
    athena.untag_resource(ResourceARN=resource, TagKeys=["team"])
    assert athena.list_tags_for_resource(ResourceARN=resource)["Tags"] == [
        {"Key": "env", "Value": "dev"}]
    athena.delete_work_group(WorkGroup=name)


def test_data_catalog_tags_and_missing_resource(athena):
    name = unique("tagcat")
    athena.create_data_catalog(Name=name, Type="GLUE", Parameters={"catalog-id": "1"},
                               Tags=[{"Key": "k", "Value": "v"}])
    resource = arn(athena, "datacatalog", name)
    assert athena.list_tags_for_resource(ResourceARN=resource)["Tags"] == [
        {"Key": "k", "Value": "v"}]
    athena.delete_data_catalog(Name=name)
    with pytest.raises(ClientError) as error:
        athena.list_tags_for_resource(ResourceARN=resource)
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
