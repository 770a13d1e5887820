// n8n-core reports node errors through its logger, which prints to the console; tests assert the
// errors themselves, so the log lines are only noise here.
import { LoggerProxy } from 'n8n-workflow';

const quiet = () => {};
LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet, verbose: quiet } as unknown as Parameters<typeof LoggerProxy.init>[0]);
