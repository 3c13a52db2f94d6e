/** What every emulated resource shares: the scaled clock, the caller's credentials and the Graph client. */
import { Clock } from "./clock";
import { ClientCredentials } from "./credentials";
import { GraphClient } from "./graphClient";

export interface AzureadContext {
  clock: Clock;
  credentials: ClientCredentials;
  graph: GraphClient;
}
