import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, parse } from 'jsonc-parser';
import { detectSecrets, RuleIds, scanRange } from '../../src/detector';
import { mcpConfigKind, removeServerEdits, vendazeServerAt } from '../../src/leaks/mcpConfigFix';

/**
 * A token pasted into a Vendaze MCP server entry, as Vendaze's own VS Code guide shows it: the detector reports it
 * (tier 2, its own rule), and the quick fix removes that entry only, keeping every other server, comment and input.
 * Tokens here are random test values, not credentials.
 */

const TOKEN = 'vzT4q9LmWx2Kp7RnB8cD3fGh6JkQ1sVy'; // vendaze:allow (test data)
const OTHER = 'ghp_Zx8Qw2Er5Ty7Ui9Op1As3Df6Gh4Jk0Lm'; // vendaze:allow (test data)

const SETTINGS = `{
  // my editor settings
  "editor.fontSize": 14,
  "mcp": {
    "servers": {
      "github": {
        "type": "http",
        "url": "https://api.githubcopilot.com/mcp/",
        "headers": { "Authorization": "Bearer ${OTHER}" }
      },
      "vendaze": {
        "type": "http",
        "url": "https://api.vendaze.com/mcp",
        "headers": {
          "Authorization": "Bearer ${TOKEN}"
        }
      },
      "local": { "command": "node", "args": ["server.js"] }
    }
  }
}
`;

const MCP_JSON = `{
  "inputs": [{ "type": "promptString", "id": "gh", "password": true }],
  "servers": {
    "crm": { "type": "http", "url": "http://127.0.0.1:7450/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } },
    "gh": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer \${input:gh}" } }
  }
}
`;

describe('Vendaze token in an MCP server entry', () => {
  test('the detector reports the Vendaze entry\'s token under its own rule, not the neighbour\'s', () => {
    const findings = detectSecrets(SETTINGS, { fileName: '/home/u/.config/Code/User/settings.json' });
    const mcp = findings.filter((f) => f.ruleId === RuleIds.mcpBearer);
    assert.equal(mcp.length, 1);
    assert.equal(SETTINGS.slice(mcp[0]!.start, mcp[0]!.end), TOKEN);
    assert.equal(mcp[0]!.tier, 2);
    assert.ok(!JSON.stringify(findings).includes(TOKEN), 'no finding carries the value');
    assert.ok(!findings.some((f) => f.ruleId === RuleIds.mcpBearer && SETTINGS.slice(f.start, f.end) === OTHER));
  });

  test('placeholders and ${input:…} references are not tokens; an incremental rescan agrees with the full scan', () => {
    const placeholder = SETTINGS.replace(TOKEN, 'YOUR_ACCESS_TOKEN');
    assert.equal(detectSecrets(placeholder, { fileName: 'settings.json' }).filter((f) => f.ruleId === RuleIds.mcpBearer).length, 0);
    const input = SETTINGS.replace(TOKEN, '${input:vendaze-token}');
    assert.equal(detectSecrets(input, { fileName: 'settings.json' }).filter((f) => f.ruleId === RuleIds.mcpBearer).length, 0);
    const at = SETTINGS.indexOf(TOKEN);
    const range = scanRange(SETTINGS, at, at + TOKEN.length, { fileName: 'settings.json' });
    assert.deepEqual(range.findings.map((f) => [f.ruleId, f.start]), detectSecrets(SETTINGS, { fileName: 'settings.json' }).filter((f) => f.start < range.to && f.end > range.from).map((f) => [f.ruleId, f.start]));
  });

  test('the quick fix removes only the Vendaze entry of settings.json; comments and other servers stay', () => {
    assert.equal(mcpConfigKind('/x/.vscode/settings.json'), 'settings');
    const entry = vendazeServerAt(SETTINGS, SETTINGS.indexOf(TOKEN), 'settings');
    assert.deepEqual(entry, { name: 'vendaze', path: ['mcp', 'servers', 'vendaze'] });
    assert.equal(vendazeServerAt(SETTINGS, SETTINGS.indexOf(OTHER), 'settings'), undefined, 'not for the GitHub server');
    const fixed = applyEdits(SETTINGS, removeServerEdits(SETTINGS, entry!));
    assert.ok(!fixed.includes(TOKEN));
    assert.ok(fixed.includes('// my editor settings') && fixed.includes(OTHER));
    const value = parse(fixed) as { mcp: { servers: Record<string, unknown> }; 'editor.fontSize': number };
    assert.deepEqual(Object.keys(value.mcp.servers), ['github', 'local']);
    assert.equal(value['editor.fontSize'], 14);
  });

  test('in mcp.json the entry is Vendaze by its URL when it is the configured API (the sandbox)', () => {
    assert.equal(mcpConfigKind('/x/.vscode/mcp.json'), 'mcp');
    const at = MCP_JSON.indexOf(TOKEN);
    assert.equal(vendazeServerAt(MCP_JSON, at, 'mcp'), undefined, 'an unknown loopback server is not assumed to be Vendaze');
    const entry = vendazeServerAt(MCP_JSON, at, 'mcp', ['http://127.0.0.1:7450']);
    assert.deepEqual(entry?.path, ['servers', 'crm']);
    const fixed = parse(applyEdits(MCP_JSON, removeServerEdits(MCP_JSON, entry!))) as { inputs: unknown[]; servers: Record<string, unknown> };
    assert.deepEqual(Object.keys(fixed.servers), ['gh']);
    assert.equal(fixed.inputs.length, 1);
  });
});
