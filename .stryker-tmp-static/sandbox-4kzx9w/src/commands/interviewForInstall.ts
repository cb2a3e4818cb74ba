// @ts-nocheck
// The interactive path of `install`: wire the interview screens to the real checks and the
// decision tree. Loaded only when there is a terminal to ask on.
import type { Io } from '../cli/main.js';
import type { HostNetwork } from '../host/hostNetwork.js';
import { describeChecks } from '../checks/describe.js';
import { recommend, decide } from '../plan/decide.js';
import { runInterview, type InterviewResult } from '../screens/runInterview.js';

export async function interviewForInstall(io: Io, hostNetwork?: HostNetwork | (() => Promise<HostNetwork | undefined>)): Promise<InterviewResult> {
  return runInterview({
    stdin: io.stdin,
    stdout: io.stderr,
    stderr: io.stderr,
    env: io.env,
    hostNetwork,
    // The network code loads when the checks screen is reached, not before the first frame.
    runChecks: async (signal, domain) => {
      const { runSiteChecks, endpointsFromEnv } = await import('../checks/index.js');
      return runSiteChecks({ endpoints: endpointsFromEnv(io.env), signal, domain });
    },
    describeChecks,
    recommend: (checks, q) => recommend(checks, q),
    decide,
  });
}
