// The parts of Athena's and Glue's responses the query editor reads, as the
// botocore models name them (only the members used here).

export interface AthenaColumnInfo {
  Name: string;
  Label?: string;
  Type?: string;
}

export interface AthenaRow {
  Data?: { VarCharValue?: string }[];
}

export interface GetQueryResultsOutput {
  ResultSet?: { Rows?: AthenaRow[]; ResultSetMetadata?: { ColumnInfo?: AthenaColumnInfo[] } };
  NextToken?: string;
  UpdateCount?: number;
}

export type QueryState = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

export interface QueryExecution {
  QueryExecutionId: string;
  Query?: string;
  StatementType?: string; // "DML", "DDL" or "UTILITY".
  QueryExecutionContext?: { Database?: string; Catalog?: string };
  ResultConfiguration?: { OutputLocation?: string };
  WorkGroup?: string;
  Status?: {
    State?: QueryState;
    StateChangeReason?: string;
    SubmissionDateTime?: number;
    CompletionDateTime?: number;
    AthenaError?: { ErrorCategory?: number; ErrorType?: number; ErrorMessage?: string };
  };
  Statistics?: {
    EngineExecutionTimeInMillis?: number;
    DataScannedInBytes?: number;
    TotalExecutionTimeInMillis?: number;
    QueryQueueTimeInMillis?: number;
    QueryPlanningTimeInMillis?: number;
    ServiceProcessingTimeInMillis?: number;
  };
}

export interface QueryRuntimeStatistics {
  Rows?: { InputRows?: number; InputBytes?: number; OutputBytes?: number; OutputRows?: number };
  Timeline?: Record<string, number>;
}

export interface GlueColumn {
  Name: string;
  Type?: string;
  Comment?: string;
}

export interface GlueTable {
  Name: string;
  DatabaseName?: string;
  TableType?: string; // "EXTERNAL_TABLE", "VIRTUAL_VIEW", "MANAGED_TABLE".
  Parameters?: Record<string, string>;
  StorageDescriptor?: { Columns?: GlueColumn[]; Location?: string };
  PartitionKeys?: GlueColumn[];
}

export function isFinished(state: QueryState | undefined): boolean {
  return state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED";
}
