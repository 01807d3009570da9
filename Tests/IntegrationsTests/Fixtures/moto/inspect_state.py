"""Reports the state SageMakerAdaptersTests checks on the moto server after each action.

Usage: AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... python inspect_state.py ENDPOINT REGION GROUP PIPELINE
(the actions virtualenv's python, with the key setup.py printed: boto3 signs every request, so
this works with moto's signature checking on).

It prints one JSON object:
  {"packages": [{"arn", "status", "description"}, ...] in version order (DescribeModelPackage),
   "executions": [{"arn", "parameters": {name: value}}, ...] (ListPipelineExecutions and
   ListPipelineParametersForExecution)}.
"""
import json
import os
import sys

import boto3

endpoint, region, group, pipeline = sys.argv[1:5]
# The key pair is passed explicitly, so no session token or profile of the caller's environment mixes in.
sagemaker = boto3.client(
    "sagemaker", region_name=region, endpoint_url=endpoint, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])

summaries = sagemaker.list_model_packages(ModelPackageGroupName=group, MaxResults=100)["ModelPackageSummaryList"]
packages = []
for summary in sorted(summaries, key=lambda s: s["ModelPackageVersion"]):
    package = sagemaker.describe_model_package(ModelPackageName=summary["ModelPackageArn"])
    packages.append({"arn": package["ModelPackageArn"], "status": package["ModelApprovalStatus"],
                     "description": package.get("ApprovalDescription")})

executions = []
for execution in sagemaker.list_pipeline_executions(PipelineName=pipeline)["PipelineExecutionSummaries"]:
    arn = execution["PipelineExecutionArn"]
    parameters = sagemaker.list_pipeline_parameters_for_execution(PipelineExecutionArn=arn)["PipelineParameters"]
    executions.append({"arn": arn, "parameters": {p["Name"]: p["Value"] for p in parameters}})

print(json.dumps({"packages": packages, "executions": executions}))
