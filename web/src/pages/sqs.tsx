import { jsonCall } from "../aws/client";
import type { Route } from "../router";
import { ErrorBox, Loading, Page, Table, Button } from "../ui/components";
import { useLoad } from "../ui/hooks";

interface QueueRow {
  url: string;
  name: string;
  visible: string;
  inFlight: string;
  delayed: string;
}

async function listQueues(signal: AbortSignal): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall("sqs", "ListQueues", { MaxResults: 1000, ...(token ? { NextToken: token } : {}) }, signal);
    for (const url of page.QueueUrls ?? []) {
      const { Attributes: a = {} } = await jsonCall("sqs", "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["All"] }, signal);
      rows.push({
        url,
        name: url.slice(url.lastIndexOf("/") + 1),
        visible: a.ApproximateNumberOfMessages ?? "",
        inFlight: a.ApproximateNumberOfMessagesNotVisible ?? "",
        delayed: a.ApproximateNumberOfMessagesDelayed ?? "",
      });
    }
    token = page.NextToken;
  } while (token);
  return rows;
}

export function SqsPage(_props: { route: Route }) {
  const queues = useLoad(listQueues, [], 5000);
  return (
    <Page title="SQS queues" actions={<Button onClick={queues.reload}>Refresh</Button>}>
      <ErrorBox error={queues.error} />
      <Loading when={queues.loading && !queues.data} />
      {queues.data && (
        <Table
          rows={queues.data}
          rowKey={(q) => q.url}
          empty="No queues. Create one with: aws --endpoint-url URL sqs create-queue --queue-name NAME"
          columns={[
            { title: "Name", render: (q) => q.name },
            { title: "Available", render: (q) => q.visible, align: "right" },
            { title: "In flight", render: (q) => q.inFlight, align: "right" },
            { title: "Delayed", render: (q) => q.delayed, align: "right" },
          ]}
        />
      )}
    </Page>
  );
}
