// Types of @modelchain/api-bundle. Every balance is a BigInt in the asset's smallest unit;
// every fixed-point value (price, rate, index, health factor) is a BigInt × 10^18.

import type { ApiPromise } from '@polkadot/api';
import type { DefinitionRpc, DefinitionsCall, RegistryTypes } from '@polkadot/types/types';

export declare const FIXED: bigint;
export declare const rpc: Record<string, Record<string, DefinitionRpc>>;
export declare const rpcTypes: RegistryTypes;
export declare const runtime: DefinitionsCall;
export declare const runtimeTypes: RegistryTypes;
export declare const modelchainBundle: { rpc: typeof rpc; types: RegistryTypes };
export declare const modelchainBundleWithRuntime: { rpc: typeof rpc; runtime: DefinitionsCall; types: RegistryTypes };
export declare function bigints<T = unknown>(value: unknown): T;
export declare function fixedToNumber(x: bigint | null | undefined): number | null;

/** Model ids are u64: pass a bigint, a number below 2^53 or a decimal string. */
export type ModelId = bigint | number | string;
export type LendingAssetParam = 'native' | number | { asset: number } | { modelShares: ModelId };
export type DaoScopeParam = 'chain' | { model: ModelId };
export type OracleKeyParam =
  | { assetPrice: number }
  | { modelMetric: { model: ModelId; version: number; metric: string | { custom: number } } };
export interface PageParam { startAfter?: ModelId | null; limit?: number }
export interface Page<T> { items: T[]; next: bigint | null }

export interface LineageEdge {
  child: bigint; parent: bigint; relation: string; distance: number; parentFlagged: boolean;
}
export interface ModelSummary {
  id: bigint; owner: string; contentHash: string; name: number[]; uri: number[];
  status: 'active' | 'deprecated' | 'retired'; shareSupply: bigint;
  terms: {
    kind: 'free' | { perUse: { price: bigint } } | { subscription: { price: bigint; period: number } };
    commercialUse: boolean; derivativesAllowed: boolean;
    /** Parts per million. */
    derivativeRoyaltyFloor: number; contributorShare: number; restrictionsHash: string | null;
  };
  parents: { model: bigint; relation: string; royalty: number }[];
  datasets: string[]; depth: number;
  versions: { number: number; contentHash: string; changelogHash: string | null; publishedAt: number; contributors: [string, number][] }[];
  upheldIncidents: number; ancestorFlagged: boolean; flagged: boolean; flaggedVersion: number | null;
  openIncidents: number; accountabilityBond: bigint; revenueReceived: bigint; revenueClaimed: bigint;
}
export type LicenseStatus =
  | 'unknownModel' | 'free' | 'none' | 'expired' | 'revoked'
  | { valid: { expiresAt: number | null; usesLeft: number; commercialUse: boolean } };
export interface SharesAnswer { balance: bigint; locked: bigint }
export interface OracleValue {
  key: unknown; status: 'current' | 'unknown' | 'insufficientFeeds' | 'stale' | 'paused';
  /** Exact decimal text ("64250.125"), kept as text. */
  value: string | null; valueRaw: bigint | null;
  /** Milliseconds (JSON numbers). */
  updatedAt: number | null; expiresAt: number | null;
  feeds: number | null; dispersion: string | null;
}
export interface Position { asset: unknown; supplied: bigint; collateral: boolean; debt: bigint }
export interface AccountHealth {
  collateralValue: bigint; borrowLimit: bigint; liquidationLimit: bigint; debtValue: bigint;
  healthFactor: bigint | null; pricesFresh: boolean; liquidatable: boolean;
  positions: Position[]; maxBorrowable: { asset: unknown; amount: bigint }[];
}
export interface MarketSummary {
  asset: unknown; utilisation: bigint; borrowRate: bigint; borrowApy: bigint; supplyApy: bigint;
  borrowIndex: bigint; exchangeRate: bigint; cash: bigint; totalBorrows: bigint; totalReserves: bigint;
  totalShares: bigint; deficit: bigint; price: bigint | null; paused: boolean;
}
export interface ProposalSummary {
  id: number; scope: unknown; proposer: string; metadataHash: string; snapshot: number; votingEnds: number;
  electorate: bigint; quorumNeeded: bigint; tally: { aye: bigint; nay: bigint; abstain: bigint };
  voters: number; passing: boolean; status: unknown; track: string; locksUntil: number | null;
  callHash: string; call: string; callPallet: string; callMethod: string;
}

export interface ModelchainRpc {
  model(id: ModelId, at?: string): Promise<ModelSummary | null>;
  lineage(id: ModelId, at?: string): Promise<LineageEdge[]>;
  licenseStatus(id: ModelId, who: string, at?: string): Promise<LicenseStatus>;
  claimableRevenue(id: ModelId, who: string, at?: string): Promise<bigint>;
  shares(id: ModelId, who: string, at?: string): Promise<SharesAnswer>;
  listModels(filter: { owner: string } | { holder: string }, page?: PageParam, at?: string): Promise<Page<ModelSummary>>;
  licenses(who: string, page?: PageParam, at?: string): Promise<Page<{ model: bigint; status: LicenseStatus }>>;
  oracleValue(key: OracleKeyParam, at?: string): Promise<OracleValue>;
  oracleValues(at?: string): Promise<OracleValue[]>;
  proposal(id: number, at?: string): Promise<ProposalSummary | null>;
  votingPower(scope: DaoScopeParam, who: string, at?: string): Promise<{ atSnapshot: bigint; lockable: bigint }>;
  accountHealth(who: string, at?: string): Promise<AccountHealth>;
  market(asset: LendingAssetParam | unknown, at?: string): Promise<MarketSummary | null>;
}
export declare function modelchainRpc(apiOrProvider: ApiPromise | { send(method: string, params: unknown[]): Promise<unknown> }): ModelchainRpc;
