/**
 * Security rules on Python code: SQL injection, code evaluation, sudo on request data, CSRF, secrets,
 * outbound requests without timeout, Markup of formatted data, shell and unsafe deserialisation,
 * explicit commits and rollbacks, and sudo() in code stored in the database.
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { PyFileContext, PyFunction } from '../python/scan.ts';
import { callArguments, callParts, isStringNode, nodeText, stringValue, unwrapParens, type CallParts } from '../python/syntax.ts';
import { compareSeries } from '../../odoo/series.ts';
import { codeRuleId, type CodeRule } from './api.ts';
import { defineRule, OCA_GUIDELINES, ODOO_SECURITY } from './define.ts';
import { isCursor, unsafeStringBuild, unsafeStringThroughVariable } from './py-helpers.ts';
import { findSecrets } from './secrets.ts';
import { lineColumn } from '../text.ts';

const HOW: Record<string, string> = { '%': '% formatting', '+': 'string concatenation', format: 'str.format()', 'f-string': 'an f-string' };

export const sqlInjection = defineRule(
  {
    name: 'sql-injection',
    severity: 'high',
    title: 'SQL built by string formatting',
    rationale:
      'A query built with %, +, .format() or an f-string from values the code does not control lets whoever controls those values read or change any data in the database, bypassing every access right.',
    remediation:
      'Pass values as query parameters (`cr.execute("… WHERE id = %s", [value])`) or build the query with `odoo.tools.SQL` / `psycopg2.sql`. Table and column names must come from the ORM (`self._table`) or `sql.Identifier`.',
    effortHours: 1,
    references: [`${OCA_GUIDELINES}#no-sql-injection`, 'https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html#unsafe-sql'],
    pylintOdoo: 'E8103 sql-injection',
    reads: ['python'],
  },
  {
    python: {
      callNames: ['execute', 'executemany'],
      nodes: {
        call(node, ctx) {
          if (ctx.isTest) return;
          const parts = callParts(node, ctx.source);
          if (!parts || (parts.name !== 'execute' && parts.name !== 'executemany') || !isCursor(parts.receiver)) return;
          const args = callArguments(parts.args, ctx.source);
          const query = args.positional[0];
          if (!query) return;
          const build = unsafeStringThroughVariable(query, ctx);
          if (!build) return;
          const withParams = args.positional.length > 1 || args.keywords.has('params');
          const through = unwrapParens(query).type === 'identifier' ? ` (through \`${nodeText(query, ctx.source)}\`)` : '';
          ctx.report(codeRuleId('sql-injection'), node, `The query passed to ${parts.name}() is built with ${HOW[build.how]}${through}: values must be passed as parameters.`, {
            evidence: { built: build.how, snippet: nodeText(build.node, ctx.source).slice(0, 200) },
            ...(withParams ? { severity: 'medium' as const } : {}),
          });
        },
      },
    },
  },
);

export const evalExec = defineRule(
  {
    name: 'eval-exec',
    severity: 'high',
    title: 'eval() or exec() on non-literal code',
    rationale:
      "Python's eval and exec run arbitrary code with the server's rights; any part of the string that comes from a record, a request or a file becomes remote code execution.",
    remediation:
      'Use `ast.literal_eval` for data, `odoo.tools.safe_eval.safe_eval` for expressions that must be evaluated (domains, formulas), or plain code instead of generated code.',
    effortHours: 2,
    references: ['https://cwe.mitre.org/data/definitions/95.html', ODOO_SECURITY],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['eval', 'exec'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver !== null || (parts.name !== 'eval' && parts.name !== 'exec')) return;
          if (ctx.imports.has(parts.name)) return; // a local function named eval
          const first = callArguments(parts.args, ctx.source).positional[0];
          if (!first || (isStringNode(first) && stringValue(first, ctx.source) !== null)) return;
          ctx.report(codeRuleId('eval-exec'), node, `${parts.name}() runs code built at run time (\`${nodeText(first, ctx.source).slice(0, 60)}\`).`, {
            ...(ctx.isTainted(first) ? { severity: 'critical' as const, evidence: { requestData: true } } : {}),
          });
        },
      },
    },
  },
);

export const safeEvalRequestData = defineRule(
  {
    name: 'safe-eval-request-data',
    severity: 'high',
    title: 'safe_eval() on request data',
    rationale:
      'safe_eval limits what an expression can do but is not a sandbox for hostile input: evaluating parameters of an HTTP request lets any visitor run expressions on the server, and sandbox escapes have been found before.',
    remediation: 'Never evaluate request parameters: parse them as data (int(), json.loads, ast.literal_eval) and validate them against what is allowed.',
    effortHours: 2,
    references: [ODOO_SECURITY],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['safe_eval', 'const_eval', 'expr_eval'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || (parts.name !== 'safe_eval' && parts.name !== 'const_eval' && parts.name !== 'expr_eval')) return;
          const first = callArguments(parts.args, ctx.source).positional[0];
          if (!first || !ctx.isTainted(first)) return;
          ctx.report(codeRuleId('safe-eval-request-data'), node, `${parts.name}() evaluates \`${nodeText(first, ctx.source).slice(0, 60)}\`, which comes from the HTTP request.`);
        },
      },
    },
  },
);

const QUERY_METHODS = new Set(['browse', 'search', 'search_read', 'search_count', 'read_group', '_read_group', 'search_fetch', '_search']);
const ACCESS_CHECK_CALLS = '_document_check_access|consteq|check_access_rights|check_access_rule|check_access|_check_access|has_access';
const ACCESS_CHECKS = new RegExp(`\\b(access_token|${ACCESS_CHECK_CALLS})\\b`);
/**
 * The same checks where a bare mention of `access_token` does not count (a portal route takes it as a
 * parameter whether or not it checks it): a check call, or a comparison with an access token.
 */
const ACCESS_CHECK_DONE = new RegExp(`\\b(${ACCESS_CHECK_CALLS})\\b|\\baccess_token\\s*[!=]=|[!=]=\\s*[\\w.]*\\baccess_token\\b`);
/** A domain term matching a secret token (`("token", "=", token)`, `("access_token", "=", t)`): knowing the token is the access check. */
const TOKEN_MATCH = /[([]\s*['"][\w.]*token['"]\s*,\s*['"]==?['"]/;

/**
 * Whether records come from a lookup that lets the request choose any record: browse(ids), a search
 * run under sudo, a model named by the request. A search run as the user only finds records the
 * user may read (record rules apply), and a search matching a secret token is itself the check.
 */
function selectedByRequest(value: Node, ctx: PyFileContext): boolean {
  let node = unwrapParens(value);
  for (let i = 0; i < 8 && node.type === 'call'; i++) {
    const parts = callParts(node, ctx.source);
    if (!parts) break;
    if (parts.name === 'browse') return true;
    if (QUERY_METHODS.has(parts.name)) {
      if (parts.args && TOKEN_MATCH.test(nodeText(parts.args, ctx.source))) return false;
      return runsUnderSudo(parts, ctx);
    }
    if (!parts.receiverNode) break;
    node = unwrapParens(parts.receiverNode);
  }
  return true;
}

/** `X.sudo().search(…)`, or `Model.search(…)` where `Model = request.env[…].sudo()`. */
function runsUnderSudo(parts: CallParts, ctx: PyFileContext): boolean {
  if (parts.receiver === null) return false;
  if (/\.sudo\s*\(/.test(parts.receiver)) return true;
  const values = /^[A-Za-z_][A-Za-z0-9_]*$/.test(parts.receiver) ? ctx.fn?.assignments.get(parts.receiver) : undefined;
  return values !== undefined && values.some((v) => /\.sudo\s*\(/.test(nodeText(v, ctx.source)));
}

function routeFunction(fn: PyFunction | null): PyFunction | null {
  let current = fn;
  while (current) {
    if (current.route) return current;
    current = current.parent;
  }
  return null;
}

const sudoCandidates = new Map<PyFunction, Node[]>();

export const sudoRequestRecords = defineRule(
  {
    name: 'sudo-request-records',
    severity: 'high',
    title: 'sudo() on records chosen by request parameters',
    rationale:
      'A controller that browses or searches with ids or values taken from the request and then reads or writes them with sudo() lets any caller reach any record by changing a parameter (an insecure direct object reference).',
    remediation:
      'Read records as the requesting user (no sudo), or check an access token / ownership before using sudo() (`_document_check_access`, `consteq(access_token, record.access_token)`).',
    effortHours: 2,
    references: [ODOO_SECURITY, 'https://cwe.mitre.org/data/definitions/639.html'],
    reads: ['python'],
  },
  {
    python: {
      callNames: [...QUERY_METHODS, 'sudo'],
      nodes: {
        call(node, ctx) {
          const route = routeFunction(ctx.fn);
          if (!route || !ctx.fn) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver === null || !parts.receiverNode) return;
          let hit = false;
          if (QUERY_METHODS.has(parts.name) && /\.sudo\s*\(/.test(parts.receiver) && parts.args && ctx.isTainted(parts.args)) {
            hit = !TOKEN_MATCH.test(nodeText(parts.args, ctx.source));
          } else if (parts.name === 'sudo' && /\.(browse|search|search_read|_search)\s*\(/.test(parts.receiver) && ctx.isTainted(parts.receiverNode)) {
            hit = selectedByRequest(parts.receiverNode, ctx);
          } else if (parts.name === 'sudo') {
            const name = parts.receiver.replace(/\s+/g, '');
            if (ctx.fn.requestRecords.has(name)) {
              const values = ctx.fn.assignments.get(name) ?? [];
              hit = values.some((v) => ctx.isTainted(v) && selectedByRequest(v, ctx));
            }
          }
          if (!hit) return;
          const list = sudoCandidates.get(ctx.fn) ?? [];
          list.push(node);
          sudoCandidates.set(ctx.fn, list);
        },
      },
      functionExit(fn, ctx) {
        const list = sudoCandidates.get(fn);
        if (!list) return;
        sudoCandidates.delete(fn);
        if (ACCESS_CHECKS.test(nodeText(fn.node, ctx.source))) return;
        for (const node of list) {
          ctx.report(codeRuleId('sudo-request-records'), node, `Records selected with request data are used with sudo() in ${fn.name}() without an access check.`);
        }
      },
      fileExit() {
        if (sudoCandidates.size > 0) sudoCandidates.clear(); // clear() allocates even on an empty map
      },
    },
  },
);

const publicSudo = new Map<PyFunction, Node>();

/** Up to 12.0 `sudo(user)` runs as that user (sudo() with no argument is the superuser): not a bypass. */
function switchesUser(parts: CallParts, ctx: PyFileContext): boolean {
  if (ctx.series === null || compareSeries(ctx.series, '12.0') > 0) return false;
  const args = callArguments(parts.args, ctx.source);
  const user = args.positional[0] ?? args.keywords.get('user');
  return user !== undefined && !/^(True|SUPERUSER_ID|odoo\.SUPERUSER_ID|1)$/.test(nodeText(user, ctx.source).trim());
}

export const publicRouteSudo = defineRule(
  {
    name: 'public-route-sudo',
    severity: 'low',
    title: "sudo() in an auth='public' or auth='none' route",
    rationale:
      'Code behind a public route runs for anonymous visitors; every sudo() there bypasses access rights for them, so each one needs a reason that holds for any visitor.',
    remediation: 'Limit sudo() to the fields and records an anonymous visitor may see, and document why each one is safe (or suppress with a reason).',
    effortHours: 0.5,
    references: [ODOO_SECURITY],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['sudo'],
      nodes: {
        call(node, ctx) {
          const route = routeFunction(ctx.fn);
          if (!route || (route.route!.auth !== 'public' && route.route!.auth !== 'none')) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'sudo' || parts.receiver === null || publicSudo.has(route)) return;
          if (switchesUser(parts, ctx)) return;
          publicSudo.set(route, node);
        },
      },
      functionExit(fn, ctx) {
        const node = publicSudo.get(fn);
        if (!node) return;
        publicSudo.delete(fn);
        // A portal route that checks the visitor's access (token, ownership) has its reason for sudo().
        if (ACCESS_CHECK_DONE.test(nodeText(fn.node, ctx.source))) return;
        ctx.report(codeRuleId('public-route-sudo'), node, `${fn.name}() is reachable without login (auth='${fn.route?.auth}') and uses sudo().`, { anchor: `route|${fn.name}` });
      },
      fileExit() {
        if (publicSudo.size > 0) publicSudo.clear(); // clear() allocates even on an empty map
      },
    },
  },
);

export const csrfDisabledPublicRoute = defineRule(
  {
    name: 'csrf-disabled-public-route',
    severity: 'high',
    title: "csrf=False on an auth='public' HTTP route",
    rationale:
      "Without the CSRF token check, any web page a logged-in user visits can make their browser post to this route with their session; on a public route it is also reachable by everyone.",
    remediation: "Keep csrf=True and send the token (`request.csrf_token()`), or use type='json' with an API key for machine callers.",
    effortHours: 1,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/http.html', 'https://cwe.mitre.org/data/definitions/352.html'],
    reads: ['python'],
  },
  {
    python: {
      nodes: {
        function_definition(_node, ctx) {
          const route = ctx.fn?.route;
          if (!route || route.csrf !== false) return;
          if (route.auth !== 'public' && route.auth !== 'none') return;
          if (route.type !== null && route.type !== 'http') return;
          ctx.report(codeRuleId('csrf-disabled-public-route'), route.decorator, `Route ${ctx.fn!.name}() disables the CSRF check on an auth='${route.auth}' HTTP route.`, {
            anchor: `route|${ctx.fn!.name}`,
          });
        },
      },
    },
  },
);

export const hardcodedSecret = defineRule(
  {
    name: 'hardcoded-secret',
    severity: 'high',
    title: 'Hard-coded secret',
    rationale:
      'A password, API key, token or private key written in the source is readable by everyone with the code (repositories, backups, the Apps store) and cannot be rotated without a release.',
    remediation: 'Move the secret to a system parameter, the server configuration or an environment variable, and rotate the exposed value.',
    effortHours: 1,
    references: ['https://cwe.mitre.org/data/definitions/798.html'],
    reads: ['python', 'js'],
  },
  {
    python: {
      fileExit(ctx) {
        if (ctx.isTest) return;
        for (const secret of findSecrets(ctx.source, 'python')) {
          const node = ctx.tree.rootNode.descendantForIndex(secret.index);
          if (node && (node.type === 'comment' || isDocstring(node))) continue;
          const at = positionAt(ctx, secret.index);
          ctx.report(codeRuleId('hardcoded-secret'), at, `${secret.kind} is written in the source.`, { anchor: `secret|${secret.name}` });
        }
      },
    },
    js(source, ctx) {
      if (ctx.isTest) return;
      for (const secret of findSecrets(source, 'js')) {
        ctx.report(codeRuleId('hardcoded-secret'), lineColumn(source, secret.index), `${secret.kind} is written in the source.`, { anchor: `secret|${secret.name}` });
      }
    },
  },
);

function isDocstring(node: Node): boolean {
  let current: Node | null = node;
  for (let i = 0; i < 3 && current; i++) {
    if (current.type === 'string') {
      const parent = current.parent;
      return parent !== null && parent.type === 'expression_statement' && parent.namedChildCount === 1;
    }
    current = current.parent;
  }
  return false;
}

function positionAt(ctx: PyFileContext, index: number): { line: number; column: number } {
  return lineColumn(ctx.source, index);
}

const TIMEOUT_CALLS = new Set([
  'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.options', 'requests.request',
  'urllib.request.urlopen', 'urllib2.urlopen', 'httpx.get', 'httpx.post', 'httpx.put', 'httpx.patch', 'httpx.delete', 'httpx.head', 'httpx.request',
  'http.client.HTTPConnection', 'http.client.HTTPSConnection', 'ftplib.FTP', 'ftplib.FTP_TLS', 'smtplib.SMTP', 'smtplib.SMTP_SSL', 'suds.client.Client',
  'odoo.addons.iap.models.iap.jsonrpc', 'odoo.addons.iap.tools.iap_tools.iap_jsonrpc',
]);
/** Positional index of the timeout argument where the API takes it positionally. */
const TIMEOUT_POSITION: Record<string, number> = { 'urllib.request.urlopen': 2, 'urllib2.urlopen': 2, 'smtplib.SMTP': 3, 'smtplib.SMTP_SSL': 4, 'ftplib.FTP': 5 };

export const requestWithoutTimeout = defineRule(
  {
    name: 'request-without-timeout',
    severity: 'medium',
    title: 'Outbound request without a timeout',
    rationale:
      'Without a timeout an HTTP, FTP or SMTP call waits forever on a remote server that stops answering, holding an Odoo worker (and its database transaction) until the worker is killed.',
    remediation: 'Pass an explicit `timeout=` (for example 10–30 seconds) to every outbound call.',
    effortHours: 0.25,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'E8106 external-request-timeout',
    reads: ['python'],
  },
  {
    python: {
      callNames: [...new Set([...TIMEOUT_CALLS].map((name) => name.slice(name.lastIndexOf('.') + 1)))],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || !parts.name) return;
          const dotted = parts.receiver === null ? ctx.resolve(parts.name) : ctx.resolve(`${parts.receiver.replace(/\s+/g, '')}.${parts.name}`);
          if (!TIMEOUT_CALLS.has(dotted)) return;
          const args = callArguments(parts.args, ctx.source);
          if (args.keywords.has('timeout') || args.hasSplat) return;
          const position = TIMEOUT_POSITION[dotted];
          if (position !== undefined && args.positional.length > position) return;
          ctx.report(codeRuleId('request-without-timeout'), node, `${dotted}() is called without a timeout.`);
        },
      },
    },
  },
);

export const markupUserData = defineRule(
  {
    name: 'markup-user-data',
    severity: 'medium',
    title: 'Markup() around formatted values',
    rationale:
      'Markup marks a string as safe HTML. Formatting values into the string before wrapping it (f-string, %, .format, +) disables escaping for those values, so a name or comment containing HTML runs script in the browsers of the users who view it.',
    remediation: 'Format after wrapping, which escapes the values: `Markup("<b>%s</b>") % value`, or use `markupsafe.escape()` / QWeb `t-out`.',
    effortHours: 0.5,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html#unsafe-markup', 'https://cwe.mitre.org/data/definitions/79.html'],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['Markup'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'Markup' || (parts.receiver !== null && !/^(markupsafe|tools)$/.test(parts.receiver))) return;
          const first = callArguments(parts.args, ctx.source).positional[0];
          if (!first) return;
          const build = unsafeStringBuild(first, ctx);
          const tainted = ctx.isTainted(first);
          if (!build && !tainted) return;
          ctx.report(
            codeRuleId('markup-user-data'),
            node,
            build
              ? `Markup() wraps a string already built with ${HOW[build.how]}: the interpolated values are not escaped.`
              : `Markup() wraps request data (\`${nodeText(first, ctx.source).slice(0, 60)}\`) without escaping it.`,
            tainted ? { severity: 'high', evidence: { requestData: true } } : {},
          );
        },
      },
    },
  },
);

const SHELL_CALLS = new Set(['subprocess.call', 'subprocess.run', 'subprocess.Popen', 'subprocess.check_output', 'subprocess.check_call', 'subprocess.getoutput', 'subprocess.getstatusoutput']);

export const subprocessShell = defineRule(
  {
    name: 'subprocess-shell',
    severity: 'high',
    title: 'Shell command built at run time',
    rationale: 'A command run through a shell (shell=True, os.system, os.popen) with any part coming from data lets that data run other commands on the server.',
    remediation: 'Call the program with an argument list and shell=False (`subprocess.run(["lp", path], check=True, timeout=60)`).',
    effortHours: 1,
    references: ['https://cwe.mitre.org/data/definitions/78.html'],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['call', 'run', 'Popen', 'check_output', 'check_call', 'getoutput', 'getstatusoutput', 'system', 'popen'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || !parts.name) return;
          const dotted = parts.receiver === null ? ctx.resolve(parts.name) : ctx.resolve(`${parts.receiver.replace(/\s+/g, '')}.${parts.name}`);
          const args = callArguments(parts.args, ctx.source);
          const first = args.positional[0];
          const literal = first !== undefined && isStringNode(first) && stringValue(first, ctx.source) !== null;
          if (SHELL_CALLS.has(dotted)) {
            const shell = args.keywords.get('shell');
            if (dotted === 'subprocess.getoutput' || dotted === 'subprocess.getstatusoutput' || (shell && nodeText(shell, ctx.source) !== 'False')) {
              if (!literal) ctx.report(codeRuleId('subprocess-shell'), node, `${dotted}() runs a command line built at run time through a shell.`);
            }
          } else if ((dotted === 'os.system' || dotted === 'os.popen') && first && !literal) {
            ctx.report(codeRuleId('subprocess-shell'), node, `${dotted}() runs a command line built at run time through a shell.`);
          }
        },
      },
    },
  },
);

export const unsafeDeserialization = defineRule(
  {
    name: 'unsafe-deserialization',
    severity: 'high',
    title: 'Unsafe deserialisation (pickle, marshal, yaml.load)',
    rationale: 'pickle, marshal and yaml.load without a safe loader execute code embedded in the data: whoever can supply the bytes (an attachment, a request, a shared file) runs code on the server.',
    remediation: 'Exchange data as JSON, or use `yaml.safe_load`; never unpickle data that crossed a trust boundary.',
    effortHours: 1,
    references: ['https://cwe.mitre.org/data/definitions/502.html'],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['loads', 'load', 'Unpickler', 'open', 'unsafe_load', 'full_load', 'load_all'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver === null) return;
          const dotted = ctx.resolve(`${parts.receiver.replace(/\s+/g, '')}.${parts.name}`);
          let hit = /^(c?pickle|dill|marshal|shelve)\.(loads?|Unpickler|open)$/.test(dotted) || dotted === 'yaml.unsafe_load' || dotted === 'yaml.full_load';
          if (dotted === 'yaml.load' || dotted === 'yaml.load_all') {
            const loader = callArguments(parts.args, ctx.source).keywords.get('Loader');
            const positional = callArguments(parts.args, ctx.source).positional[1];
            const chosen = loader ?? positional;
            hit = !chosen || !/Safe|BaseLoader/.test(nodeText(chosen, ctx.source));
          }
          if (hit) ctx.report(codeRuleId('unsafe-deserialization'), node, `${dotted}() can execute code embedded in the data it reads.`);
        },
      },
    },
  },
);

/** Calls that open a cursor of their own: `registry.cursor()`, `self._new_cr()` (tests), `sql_db.db_connect(db).cursor()`. */
function opensCursor(parts: CallParts): boolean {
  return (parts.name === 'cursor' && parts.receiver !== null) || parts.name === '_new_cr';
}

/** The value bound to `name` by a `with … as name` enclosing `at` in the same function, if any. */
function withBinding(name: string, at: Node, source: string): Node | null {
  for (let node = at.parent; node && node.type !== 'function_definition'; node = node.parent) {
    if (node.type !== 'with_statement') continue;
    for (const clause of node.namedChildren) {
      if (!clause || clause.type !== 'with_clause') continue;
      for (const item of clause.namedChildren) {
        const pattern = item?.namedChild(0);
        if (!pattern || pattern.type !== 'as_pattern') continue;
        const target = pattern.namedChild(pattern.namedChildCount - 1);
        if (target && target.type === 'as_pattern_target' && nodeText(target, source).trim() === name) return pattern.namedChild(0);
      }
    }
  }
  return null;
}

/**
 * Whether a cursor, environment or recordset belongs to a transaction the current function opened
 * itself (`with registry.cursor() as cr`, `env = api.Environment(cr, …)`, `rec.with_env(env)`):
 * committing or rolling back that one is what the remediation recommends.
 */
function ownTransaction(node: Node, ctx: PyFileContext, depth = 0): boolean {
  if (depth > 8) return false;
  const value = unwrapParens(node);
  const type = value.type;
  if (type === 'call') {
    const parts = callParts(value, ctx.source);
    if (!parts) return false;
    if (opensCursor(parts)) return true;
    const args = callArguments(parts.args, ctx.source);
    if (parts.name === 'Environment') {
      const cr = args.keywords.get('cr') ?? args.positional[0];
      return cr !== undefined && ownTransaction(cr, ctx, depth + 1);
    }
    if (parts.name === 'with_env') {
      const env = args.positional[0] ?? args.keywords.get('env');
      return env !== undefined && ownTransaction(env, ctx, depth + 1);
    }
    // env(cr=new_cr) switches cursor; other calls (browse, with_context, sudo, ref…) keep the receiver's.
    const cr = parts.name === 'env' ? args.keywords.get('cr') : undefined;
    if (cr) return ownTransaction(cr, ctx, depth + 1);
    const callee = parts.receiverNode ?? (parts.receiver === null && parts.name === 'env' ? parts.fn : null);
    return callee !== null && ownTransaction(callee, ctx, depth + 1);
  }
  if (type === 'attribute') {
    const object = value.childForFieldName('object');
    return object !== null && ownTransaction(object, ctx, depth + 1);
  }
  if (type === 'subscript') {
    const object = value.childForFieldName('value');
    return object !== null && ownTransaction(object, ctx, depth + 1);
  }
  if (type !== 'identifier') return false;
  const name = nodeText(value, ctx.source);
  if (name === 'self' || name === 'cls') return false;
  const bound = withBinding(name, value, ctx.source);
  if (bound) return ownTransaction(bound, ctx, depth + 1);
  const fn = ctx.fn;
  if (!fn || fn.params.includes(name)) return false;
  const values = fn.assignments.get(name)?.filter((v) => v.startIndex < value.startIndex);
  return values !== undefined && values.length > 0 && values.every((v) => ownTransaction(v, ctx, depth + 1));
}

export const invalidCommit = defineRule(
  {
    name: 'invalid-commit',
    severity: 'high',
    title: 'cr.commit() or cr.rollback() in the middle of a transaction',
    rationale:
      "Odoo runs each request and each cron job in one transaction, committed once everything succeeded. A commit in the middle makes half-finished work permanent when a later step fails, defeats rollbacks and breaks tests that rely on them; a rollback silently discards the caller's changes and leaves the ORM cache out of step with the database.",
    remediation: 'Remove the commit or rollback and let the request (or the cron) end the transaction; for long batches use a separate cursor (`with self.env.registry.cursor() as cr:`) with a documented reason.',
    effortHours: 1,
    references: [`${OCA_GUIDELINES}#never-commit-the-transaction`],
    pylintOdoo: 'E8102 invalid-commit',
    reads: ['python'],
  },
  {
    python: {
      callNames: ['commit', 'rollback'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || (parts.name !== 'commit' && parts.name !== 'rollback') || !isCursor(parts.receiver)) return;
          // A command-line tool (odoo.cli.Command) owns its transaction; so does code that opened its own cursor.
          if (/^(?:.*\/)?cli\//.test(ctx.moduleFile)) return;
          if (parts.receiverNode && ownTransaction(parts.receiverNode, ctx)) return;
          ctx.report(
            codeRuleId('invalid-commit'),
            node,
            parts.name === 'commit'
              ? `${parts.receiver}.commit() commits the transaction in the middle of a request.`
              : `${parts.receiver}.rollback() discards the transaction's work in the middle of a request.`,
          );
        },
      },
    },
  },
);

/** `env.ref('module.xml_id')`: a record named by XML id (an action, a template), i.e. configuration. */
function isXmlIdLookup(node: Node | null, source: string): boolean {
  if (!node) return false;
  const value = unwrapParens(node);
  if (value.type !== 'call') return false;
  const parts = callParts(value, source);
  return parts !== null && parts.name === 'ref' && parts.receiver !== null && /(?:^|\.)env$/.test(parts.receiver.replace(/\s+/g, ''));
}

const CONFIG_PARAMETERS = /env\[['"]ir\.config_parameter['"]\]$/;

export const sudoInDatabaseCode = defineRule(
  {
    name: 'sudo-in-database-code',
    severity: 'medium',
    title: 'Database-stored code bypasses access rights with sudo()',
    rationale:
      "Server actions, automation rules and crons run with the rights of the user who triggers them (or the cron's user). `sudo()` (or `with_user(SUPERUSER_ID)`) drops every access right and record rule for what follows, so a server action bound to a menu or a record lets any user who can run it read or change data they are not allowed to, including other companies' records. Code in the database is seldom reviewed, which is where such escalations hide; in a module, where sudo() is reviewed and tested, other rules look at how it is used.",
    remediation:
      "Remove the sudo() unless the action really must act beyond the user's rights. If it must, limit it to the single read or write that needs it, filter records explicitly (company, ownership) and restrict who can run the action (groups on the action or its menu).",
    effortHours: 1,
    references: [ODOO_SECURITY, 'https://www.odoo.com/documentation/18.0/developer/reference/backend/orm.html'],
    reads: ['python'],
    storedCode: 'only',
  },
  {
    python: {
      callNames: ['sudo', 'with_user'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver === null) return;
          const first = callArguments(parts.args, ctx.source).positional[0];
          if (parts.name === 'sudo') {
            // Reading configuration is what sudo() is for here: a record named by XML id
            // (env.ref('x.y').sudo()) or a system parameter; sudo(False) drops superuser mode.
            if (isXmlIdLookup(parts.receiverNode, ctx.source) || CONFIG_PARAMETERS.test(parts.receiver.replace(/\s+/g, ''))) return;
            if (first && nodeText(first, ctx.source) === 'False') return;
            ctx.report(codeRuleId('sudo-in-database-code'), node, `\`${nodeText(node, ctx.source).slice(0, 60)}\` bypasses every access right and record rule.`);
          } else if (parts.name === 'with_user' && first && /^(SUPERUSER_ID|1)$/.test(nodeText(first, ctx.source).trim())) {
            ctx.report(codeRuleId('sudo-in-database-code'), node, `\`${nodeText(node, ctx.source).slice(0, 60)}\` runs as the superuser, bypassing every access right and record rule.`);
          }
        },
      },
    },
  },
);

export const printUsed = defineRule(
  {
    name: 'print-used',
    severity: 'low',
    title: 'print() instead of the logger',
    rationale: 'print() writes to standard output, which production servers discard or mix with other output; the message has no level, time or database and cannot be filtered.',
    remediation: 'Use the module logger: `_logger = logging.getLogger(__name__)` then `_logger.info(...)`.',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8116 print-used',
    reads: ['python'],
  },
  {
    python: {
      callNames: ['print'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver !== null || parts.name !== 'print' || ctx.imports.has('print')) return;
          ctx.report(codeRuleId('print-used'), node, 'print() is used instead of the logger.');
        },
        print_statement(node, ctx) {
          ctx.report(codeRuleId('print-used'), node, 'A Python 2 print statement is used instead of the logger.');
        },
      },
    },
  },
);

export const PYTHON_SECURITY_RULES: readonly CodeRule[] = [
  sqlInjection,
  evalExec,
  safeEvalRequestData,
  sudoRequestRecords,
  publicRouteSudo,
  csrfDisabledPublicRoute,
  hardcodedSecret,
  requestWithoutTimeout,
  markupUserData,
  subprocessShell,
  unsafeDeserialization,
  invalidCommit,
  sudoInDatabaseCode,
  printUsed,
];
