// The interactive path of `install`: wire the interview screens to the real checks and the
// decision tree. Loaded only when there is a terminal to ask on.
import type { Io } from '../cli/main.js';
import type { HostNetwork } from '../host/hostNetwork.js';
import { runSiteChecks, endpointsFromEnv, describeChecks } from '../checks/index.js';
import { recommend, decide } from '../plan/decide.js';
import { runInterview, type InterviewResult } from '../screens/runInterview.js';

export async function interviewForInstall(io: Io, hostNetwork?: HostNetwork | Promise<HostNetwork | undefined>): Promise<InterviewResult> {
  const endpoints = endpointsFromEnv(io.env);
  return runInterview({
    stdin: io.stdin,
    stdout: io.stderr,
    stderr: io.stderr,
    env: io.env,
    hostNetwork,
    runChecks: (signal, domain) => runSiteChecks({ endpoints, signal, domain }),
    describeChecks,
    recommend: (checks, q) => recommend(checks, q),
    decide,
  });
}
