"""Prepares a fresh moto server for SageMakerAdaptersTests.

Usage: python setup.py ENDPOINT REGION GROUP PIPELINE   (the actions virtualenv's python, with boto3)

While moto still accepts unsigned requests (before the test turns signature checking on with
POST /moto-api/reset-auth), it creates:
  * an IAM user with an inline policy allowing the SageMaker calls the adapters make and those
    inspect_state.py makes, and an access key for it;
  * in REGION, model package group GROUP with packages v1, v2, v3, all Approved (v3 the newest);
  * pipeline PIPELINE declaring the parameters ModelName, DriftShare and WindowEnd.
It prints one JSON object: {"access_key_id", "secret_access_key", "packages": [v1, v2, v3 ARNs]}.
"""
import json
import sys

import boto3

endpoint, region, group, pipeline = sys.argv[1:5]
# Any key pair works while signatures are not checked; the user's key is what the test signs with.
options = dict(region_name=region, endpoint_url=endpoint, aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **options)
sagemaker = boto3.client("sagemaker", **options)

iam.create_user(UserName="driftwatch-bot")
actions = ["ListModelPackages", "UpdateModelPackage", "DescribeModelPackage", "StartPipelineExecution",
           "ListPipelineExecutions", "ListPipelineParametersForExecution"]
policy = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Resource": "*", "Action": ["sagemaker:" + a for a in actions]}]}
iam.put_user_policy(UserName="driftwatch-bot", PolicyName="driftwatch-actions", PolicyDocument=json.dumps(policy))
key = iam.create_access_key(UserName="driftwatch-bot")["AccessKey"]

sagemaker.create_model_package_group(ModelPackageGroupName=group)
packages = [
    sagemaker.create_model_package(
        ModelPackageGroupName=group, ModelApprovalStatus="Approved", ModelPackageDescription=f"v{version}"
    )["ModelPackageArn"]
    for version in (1, 2, 3)
]

definition = {
    "Version": "2020-12-01",
    "Parameters": [{"Name": name, "Type": "String"} for name in ("ModelName", "DriftShare", "WindowEnd")],
    "Steps": [],
}
sagemaker.create_pipeline(
    PipelineName=pipeline, PipelineDefinition=json.dumps(definition),
    RoleArn="arn:aws:iam::123456789012:role/driftwatch-pipeline")

print(json.dumps({"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"], "packages": packages}))
