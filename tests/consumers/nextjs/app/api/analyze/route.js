// A route handler run on each request by `next start`: the server side at run time.
import { analyze } from "qingwen";

import { TEXT, summary } from "../../text.js";

export const dynamic = "force-dynamic";

export function GET() {
    return Response.json(summary(analyze(TEXT)));
}
