// The explorer: connects to `?rpc=` (default ws://127.0.0.1:9944), renders every section,
// and re-renders on each new block. `?account=` picks the account (dev name or address).
// Buttons sign with the dev keyring on dev chains and with a browser extension elsewhere.

import './style.css';
import { connect, submit, type Account, type Chain } from './chain';
import { esc, parseUnits, units } from './format';
import { renderModels } from './views/models';
import { renderAccount } from './views/account';
import { renderLending } from './views/lending';
import { renderOracle } from './views/oracle';
import { renderDao } from './views/dao';

const params = new URLSearchParams(window.location.search);
const url = params.get('rpc') ?? 'ws://127.0.0.1:9944';
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const body = (id: string) => $(id).querySelector('.body') as HTMLElement;

let chain: Chain;
let account: Account | undefined;
let rendering = false;
let again = false;
let latest = 0;

/** Shows a message; `state` is 'pending', 'ok' or 'failed' (also set as data-state). */
function toast(message: string, state: 'pending' | 'ok' | 'failed') {
  const el = $('toast');
  el.textContent = message;
  el.className = state === 'failed' ? 'show bad' : 'show ok';
  el.dataset.state = state;
}

async function section(id: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (e) {
    body(id).innerHTML = `<p class="flag bad">could not load: ${esc((e as Error).message)}</p>`;
  }
}

/** Renders every section; a block arriving meanwhile triggers one more pass. */
async function render(block: number) {
  latest = Math.max(latest, block);
  if (rendering) {
    again = true;
    return;
  }
  rendering = true;
  const rendered = latest;
  await Promise.all([
    section('models', () => renderModels(chain, body('models'))),
    section('account-view', () => renderAccount(chain, account, body('account-view'))),
    section('lending', () => renderLending(chain, account, body('lending'))),
    section('oracle', () => renderOracle(chain, body('oracle'))),
    section('dao', () => renderDao(chain, account, body('dao'))),
  ]);
  document.body.dataset.renderedBlock = String(rendered);
  rendering = false;
  if (again) {
    again = false;
    await render(latest);
  }
}

async function act(button: HTMLButtonElement) {
  if (!account) return;
  const { api } = chain;
  const action = button.dataset.action;
  let tx;
  if (action === 'claim') tx = api.tx.models.claimRevenue(button.dataset.model as string);
  else if (action === 'vote') {
    const id = button.dataset.proposal as string;
    const decimals = Number(button.dataset.decimals);
    const input = document.querySelector<HTMLInputElement>(`input[data-testid="vote-amount"][data-proposal="${CSS.escape(id)}"]`);
    const amount = input ? parseUnits(input.value, decimals) : null;
    if (amount === null || amount === 0n) {
      toast('vote: enter an amount to lock', 'failed');
      return;
    }
    const what = `Vote ${button.dataset.choice} on proposal #${id} with ${units(amount, decimals, decimals)} ${button.dataset.unit}? They stay locked until the proposal's lock period ends.`;
    if (!window.confirm(what)) return;
    tx = api.tx.dao.vote(id, button.dataset.choice as string, amount);
  } else return;
  button.disabled = true;
  toast(`${action}: signing as ${account.name}…`, 'pending');
  const outcome = await submit(chain, account, tx);
  toast(outcome.ok ? `${action}: included in block ${outcome.blockHash}` : `${action} failed: ${outcome.message}`, outcome.ok ? 'ok' : 'failed');
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await render(best);
}

async function main() {
  chain = await connect(url);
  const { api } = chain;
  const select = $('account') as HTMLSelectElement;
  select.innerHTML = chain.accounts.map((a) => `<option value="${esc(a.address)}">${esc(a.name)}</option>`).join('');
  const wanted = params.get('account');
  account = chain.accounts.find((a) => a.name === wanted || a.address === wanted) ?? chain.accounts[0];
  if (account) select.value = account.address;
  select.addEventListener('change', async () => {
    account = chain.accounts.find((a) => a.address === select.value);
    await render((await api.rpc.chain.getHeader()).number.toNumber());
  });
  document.addEventListener('input', (e) => {
    const target = e.target as HTMLElement;
    if (target instanceof HTMLInputElement) target.dataset.edited = '1';
  });
  document.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    if (target instanceof HTMLButtonElement && target.dataset.action) void act(target);
  });
  const [name, version] = await Promise.all([api.rpc.system.chain(), api.rpc.state.getRuntimeVersion()]);
  await api.rpc.chain.subscribeNewHeads((header) => {
    const n = header.number.toNumber();
    $('status').textContent = `${name} · spec ${version.specVersion} · block #${n}${chain.dev ? ' · dev keyring' : ''}`;
    $('status').dataset.block = String(n);
    void render(n);
  });
}

main().catch((e) => {
  $('status').textContent = `cannot connect to ${url}: ${(e as Error).message}`;
});
