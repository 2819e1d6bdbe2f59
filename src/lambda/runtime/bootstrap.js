// stratus's Lambda runtime for Node.js: loads the handler named by _HANDLER
// ("path/module.function") from LAMBDA_TASK_ROOT — CommonJS or ES modules;
// async, promise, callback or plain synchronous handlers — and loops on the
// Lambda Runtime API (AWS_LAMBDA_RUNTIME_API). Embedded into the stratus
// binary and written to the data dir at start-up; see src/lambda/runtime/sandbox.h.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const url = require('url');
const util = require('util');

const API_PREFIX = '/2018-06-01/runtime';
const [HOST, PORT] = (() => {
  const address = process.env.AWS_LAMBDA_RUNTIME_API || '127.0.0.1:9001';
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
})();
const agent = new http.Agent({keepAlive: true, maxSockets: 1});

function call(method, route, body, headers) {
  return new Promise((resolve) => {
    const request = http.request(
        {host: HOST, port: PORT, method, path: API_PREFIX + route, agent,
         headers: Object.assign({'Content-Type': 'application/json'}, headers || {})},
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve({headers: response.headers,
                                            body: Buffer.concat(chunks).toString('utf8')}));
        });
    // Stratus is gone: this process has nothing left to do.
    request.on('error', () => process.exit(0));
    request.end(body === undefined ? undefined : body);
  });
}

let currentRequestId = '';
// AWS: console output is "TIME\tREQUEST_ID\tLEVEL\tmessage".
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'],
                               ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => {
    const text = util.format(...args);
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${text}\n`);
  };
}

function errorBody(error, type) {
  if (error instanceof Error) {
    return {errorType: type || error.name || 'Error', errorMessage: error.message,
            trace: String(error.stack || '').split('\n')};
  }
  return {errorType: type || typeof error, errorMessage: String(error), trace: []};
}

async function initError(body) {
  process.stdout.write(`${new Date().toISOString()}\tundefined\tERROR\t` +
                       `Uncaught Exception \t${JSON.stringify(body)}\n`);
  await call('POST', '/init/error', JSON.stringify(body),
             {'Lambda-Runtime-Function-Error-Type': body.errorType});
  process.exit(1);
}

async function loadHandler() {
  const name = process.env._HANDLER || '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) {
    await initError({errorType: 'Runtime.MalformedHandlerName',
                     errorMessage: `Bad handler ${name}`, trace: []});
  }
  const modulePath = name.slice(0, dot);
  const functionName = name.slice(dot + 1);
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const base = path.resolve(root, modulePath);
  let module;
  try {
    const candidates = ['.js', '.mjs', '.cjs'].map((ext) => base + ext);
    const file = candidates.find((f) => fs.existsSync(f));
    if (file === undefined) {
      const error = new Error(`Cannot find module '${modulePath}'`);
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
    if (file.endsWith('.mjs')) {
      module = await import(url.pathToFileURL(file).href);
    } else {
      try {
        module = require(file);
      } catch (e) {
        if (e.code !== 'ERR_REQUIRE_ESM') throw e;
        module = await import(url.pathToFileURL(file).href);
      }
    }
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') {
      await initError({errorType: 'Runtime.ImportModuleError',
                       errorMessage: `Error: ${e.message}`, trace: errorBody(e).trace});
    }
    await initError(errorBody(e, e instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : undefined));
  }
  const handler = module[functionName] ||
      (module.default && module.default[functionName]);
  if (typeof handler !== 'function') {
    await initError({errorType: 'Runtime.HandlerNotFound',
                     errorMessage: `${modulePath}.${functionName} is undefined or not exported`,
                     trace: []});
  }
  return handler;
}

function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error); else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error || 'handled');
    let returned;
    try {
      returned = handler(event, context, callback);
    } catch (e) {
      callback(e);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((result) => callback(null, result), (error) => callback(error));
    } else if (handler.length < 3) {
      callback(null, returned);
    }
  });
}

async function main() {
  const handler = await loadHandler();
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const requestId = next.headers['lambda-runtime-aws-request-id'] || '';
    const deadline = Number(next.headers['lambda-runtime-deadline-ms'] || 0);
    if (next.headers['lambda-runtime-trace-id']) {
      process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
    }
    currentRequestId = requestId;
    const context = {
      awsRequestId: requestId,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let event;
    try {
      event = next.body ? JSON.parse(next.body) : {};
    } catch (e) {
      await call('POST', `/invocation/${requestId}/error`, JSON.stringify(
          {errorType: 'Runtime.UnmarshalError', errorMessage: e.message, trace: []}));
      continue;
    }
    try {
      const result = await runHandler(handler, event, context);
      const body = JSON.stringify(result === undefined ? null : result);
      await call('POST', `/invocation/${requestId}/response`, body);
    } catch (e) {
      // The process reached its MemorySize limit: AWS kills it and reports
      // Runtime.OutOfMemory; stratus then replaces it.
      const body = e instanceof RangeError && /allocation failed/i.test(e.message) ?
          {errorType: 'Runtime.OutOfMemory',
           errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`} :
          errorBody(e);
      console.error(`Invoke Error \t${JSON.stringify(body)}`);
      await call('POST', `/invocation/${requestId}/error`, JSON.stringify(body),
                 {'Lambda-Runtime-Function-Error-Type': body.errorType});
    }
  }
}

main();
