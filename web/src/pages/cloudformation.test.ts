import { describe, expect, it } from "vitest";
import { resourceLink, statusClass } from "./cloudformation";

describe("statusClass", () => {
  it("colours complete, in-progress, failed and rolled-back statuses", () => {
    expect(statusClass("CREATE_COMPLETE")).toBe("ok");
    expect(statusClass("UPDATE_IN_PROGRESS")).toBe("running");
    expect(statusClass("CREATE_FAILED")).toBe("failed");
    expect(statusClass("ROLLBACK_IN_PROGRESS")).toBe("failed");
    expect(statusClass("ROLLBACK_COMPLETE")).toBe("caught");
    expect(statusClass("DELETE_COMPLETE")).toBe("ok");
  });
});

describe("resourceLink", () => {
  it("links the resources the console has pages for", () => {
    expect(resourceLink("AWS::SQS::Queue", "http://127.0.0.1:4566/000000000000/jobs")).toBe("#/sqs/queue/jobs");
    expect(resourceLink("AWS::Lambda::Function", "loader")).toBe("#/lambda/function/loader");
    expect(resourceLink("AWS::StepFunctions::StateMachine", "arn:aws:states:us-east-1:000000000000:stateMachine:etl")).toBe(
      "#/states/machine/arn%3Aaws%3Astates%3Aus-east-1%3A000000000000%3AstateMachine%3Aetl",
    );
    expect(resourceLink("AWS::S3::Bucket", "lake")).toBe("#/s3/lake");
    expect(resourceLink("AWS::IAM::Role", "role")).toBeUndefined();
    expect(resourceLink("AWS::SQS::Queue", "")).toBeUndefined();
  });
});
