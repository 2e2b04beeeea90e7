// The connection, the accounts a user can act as, and one way to submit a transaction.
//
// On a development chain (`system_chainType` Development or Local) the dev keyring's
// accounts sign in the page. Elsewhere the page asks a browser extension (Polkadot.js,
// Talisman, SubWallet…) for accounts and its signer; no secret ever enters the page.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Signer } from '@polkadot/types/types';
// One copy of the custom RPC definitions and helpers: the client bundle.
import { modelchainBundle, modelchainRpc } from '../../clients/js/src/index.js';

export type Rpc = ReturnType<typeof modelchainRpc>;

export interface Account {
  address: string;
  name: string;
  /** A dev keyring pair (dev chains) or an extension's signer. */
  pair?: KeyringPair;
  signer?: Signer;
}

export interface Chain {
  api: ApiPromise;
  rpc: Rpc;
  dev: boolean;
  accounts: Account[];
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

export async function connect(url: string): Promise<Chain> {
  const api = await ApiPromise.create({ provider: new WsProvider(url), ...modelchainBundle, noInitWarn: true });
  const chainType = await api.rpc.system.chainType();
  const dev = chainType.isDevelopment || chainType.isLocal;
  const accounts = dev ? await devAccounts(api) : await extensionAccounts();
  return { api, rpc: modelchainRpc(api), dev, accounts };
}

async function devAccounts(api: ApiPromise): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  return DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return { address: pair.address, name, pair };
  });
}

async function extensionAccounts(): Promise<Account[]> {
  const { web3Enable, web3Accounts, web3FromAddress } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable('Modelchain explorer');
  if (extensions.length === 0) return [];
  const list = await web3Accounts();
  return Promise.all(list.map(async (a) => ({
    address: a.address,
    name: a.meta.name ?? a.address,
    signer: (await web3FromAddress(a.address)).signer,
  })));
}

export interface Outcome {
  ok: boolean;
  /** `pallet.Error: doc` of a failed dispatch, or the pool's refusal. */
  message: string;
  blockHash?: string;
}

/** Signs and submits `tx` as `account`; resolves once it is in a block, with its outcome. */
export function submit(chain: Chain, account: Account, tx: SubmittableExtrinsic<'promise'>): Promise<Outcome> {
  const { api } = chain;
  return new Promise((resolve) => {
    const signer = account.pair ?? account.address;
    // An extension may return the whole signed transaction (a Ledger signing in mode 1
    // with the metadata hash does): accept it.
    const options = account.signer ? { signer: account.signer, withSignedTransaction: true } : {};
    tx.signAndSend(signer, options, ({ status, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        resolve({ ok: false, message: `the pool dropped it (${status.type})` });
        return;
      }
      if (!status.isInBlock && !status.isFinalized) return;
      const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
      if (dispatchError) {
        let message = dispatchError.toString();
        if (dispatchError.isModule) {
          const meta = api.registry.findMetaError(dispatchError.asModule);
          message = `${meta.section}.${meta.name}: ${meta.docs.join(' ')}`;
        }
        resolve({ ok: false, message, blockHash });
      } else {
        resolve({ ok: true, message: 'included', blockHash });
      }
    }).catch((e: Error) => resolve({ ok: false, message: e.message }));
  });
}
