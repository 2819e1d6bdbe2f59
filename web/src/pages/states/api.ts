// The Step Functions calls the machine pages make, with loosely typed answers.
import { jsonCall } from "../../aws/client";

export interface MachineSummary {
  stateMachineArn: string;
  name: string;
  type: string;
  creationDate: number;
}

export interface MachineDescription {
  stateMachineArn: string;
  name: string;
  type: string;
  status?: string;
  definition: string;
  roleArn?: string;
  creationDate: number;
  description?: string;
  revisionId?: string;
}

export interface ExecutionSummary {
  executionArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
}

export interface VersionSummary {
  stateMachineVersionArn: string;
  creationDate: number;
}

export interface AliasDescription {
  stateMachineAliasArn: string;
  name: string;
  description?: string;
  creationDate: number;
  routingConfiguration: { stateMachineVersionArn: string; weight: number }[];
}

/** Follows nextToken through every page of a list call. */
async function listAll<T>(operation: string, input: object, key: string, signal: AbortSignal, limit = 1000): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall("states", operation, { ...input, ...(token ? { nextToken: token } : {}) }, signal);
    out.push(...((page[key] ?? []) as T[]));
    token = page.nextToken;
  } while (token && out.length < limit);
  return out;
}

export function listMachines(signal: AbortSignal): Promise<MachineSummary[]> {
  return listAll<MachineSummary>("ListStateMachines", { maxResults: 100 }, "stateMachines", signal);
}

export function describeMachine(arn: string, signal: AbortSignal): Promise<MachineDescription> {
  return jsonCall<MachineDescription>("states", "DescribeStateMachine", { stateMachineArn: arn }, signal);
}

/** The newest executions first (at most 100). */
export async function listExecutions(arn: string, signal: AbortSignal): Promise<ExecutionSummary[]> {
  const page = await jsonCall("states", "ListExecutions", { stateMachineArn: arn, maxResults: 100 }, signal);
  const executions = (page.executions ?? []) as ExecutionSummary[];
  return executions.sort((a, b) => b.startDate - a.startDate);
}

export function listVersions(arn: string, signal: AbortSignal): Promise<VersionSummary[]> {
  return listAll<VersionSummary>("ListStateMachineVersions", { stateMachineArn: arn, maxResults: 100 }, "stateMachineVersions", signal);
}

export async function listAliases(arn: string, signal: AbortSignal): Promise<AliasDescription[]> {
  const aliases = await listAll<{ stateMachineAliasArn: string }>("ListStateMachineAliases", { stateMachineArn: arn, maxResults: 100 }, "stateMachineAliases", signal);
  return Promise.all(
    aliases.map((a) => jsonCall<AliasDescription>("states", "DescribeStateMachineAlias", { stateMachineAliasArn: a.stateMachineAliasArn }, signal)),
  );
}

export async function startExecution(stateMachineArn: string, name: string, input: string): Promise<string> {
  const answer = await jsonCall<{ executionArn: string }>("states", "StartExecution", { stateMachineArn, input, ...(name ? { name } : {}) });
  return answer.executionArn;
}

/** The last part of an ARN after its resource type: a version's number, an alias's name. */
export function arnTail(arn: string): string {
  return arn.slice(arn.lastIndexOf(":") + 1);
}
