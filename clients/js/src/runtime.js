// Generated from the runtime's metadata by e2e/scripts/generate-client-bundle.js: do not edit.
// Runtime-API definitions for clients that do not read metadata V15 (@polkadot/api reads
// V15 and needs none of this), and the types they use, named as @polkadot/api's lookup does.

export const runtime = {
  "OracleApi": [
    {
      "methods": {
        "get_value": {
          "description": "The current value of `key`, or `None` with the reason.",
          "params": [
            {
              "name": "key",
              "type": "ModelchainPrimitivesOracleOracleKey"
            }
          ],
          "type": "(ModelchainPrimitivesOracleValueStatus,Option<ModelchainPrimitivesOracleCombinedValue>)"
        },
        "get_all_values": {
          "description": "Every configured key with its status and, when current, its value.",
          "params": [],
          "type": "Vec<(ModelchainPrimitivesOracleOracleKey,ModelchainPrimitivesOracleValueStatus,Option<ModelchainPrimitivesOracleCombinedValue>)>"
        }
      },
      "version": 1
    }
  ],
  "ModelsApi": [
    {
      "methods": {
        "model": {
          "description": "A model with its versions, or `None` if unknown.",
          "params": [
            {
              "name": "id",
              "type": "u64"
            }
          ],
          "type": "Option<ModelchainPrimitivesModelsModelSummary>"
        },
        "lineage": {
          "description": "Every lineage edge above `id`, breadth first, up to the configured bounds.",
          "params": [
            {
              "name": "id",
              "type": "u64"
            }
          ],
          "type": "Vec<ModelchainPrimitivesModelsLineageEdge>"
        },
        "license_status": {
          "description": "Whether `who` may use `id` now.",
          "params": [
            {
              "name": "id",
              "type": "u64"
            },
            {
              "name": "who",
              "type": "AccountId32"
            }
          ],
          "type": "ModelchainPrimitivesModelsLicenseStatus"
        },
        "claimable_revenue": {
          "description": "What `claim_revenue` would pay `who` for `id` now.",
          "params": [
            {
              "name": "id",
              "type": "u64"
            },
            {
              "name": "who",
              "type": "AccountId32"
            }
          ],
          "type": "u128"
        },
        "shares": {
          "description": "Shares of `id` held by `who`: (balance, locked).",
          "params": [
            {
              "name": "id",
              "type": "u64"
            },
            {
              "name": "who",
              "type": "AccountId32"
            }
          ],
          "type": "(u128,u128)"
        },
        "list_models": {
          "description": "Up to `limit` (at most 100) models the filter's account owns or holds shares of, with ids above `start_after`, read from an index (no scan).",
          "params": [
            {
              "name": "filter",
              "type": "ModelchainPrimitivesModelsModelFilter"
            },
            {
              "name": "start_after",
              "type": "Option<u64>"
            },
            {
              "name": "limit",
              "type": "u32"
            }
          ],
          "type": "ModelchainPrimitivesModelsPageModelSummary"
        },
        "licenses": {
          "description": "Up to `limit` (at most 100) licences `who` holds, with model ids above `start_after`.",
          "params": [
            {
              "name": "who",
              "type": "AccountId32"
            },
            {
              "name": "start_after",
              "type": "Option<u64>"
            },
            {
              "name": "limit",
              "type": "u32"
            }
          ],
          "type": "ModelchainPrimitivesModelsPageLicenseEntry"
        }
      },
      "version": 1
    }
  ],
  "DaoApi": [
    {
      "methods": {
        "proposal": {
          "description": "A proposal with its tally, or `None`.",
          "params": [
            {
              "name": "id",
              "type": "u32"
            }
          ],
          "type": "Option<ModelchainPrimitivesDaoProposalSummary>"
        },
        "voting_power": {
          "description": "`who`'s voting power in `scope` at the snapshot of a proposal made now (the end of the previous block), and what they could lock for a vote now.",
          "params": [
            {
              "name": "scope",
              "type": "ModelchainPrimitivesDaoDaoScope"
            },
            {
              "name": "who",
              "type": "AccountId32"
            }
          ],
          "type": "(u128,u128)"
        }
      },
      "version": 1
    }
  ],
  "LendingApi": [
    {
      "methods": {
        "account_health": {
          "description": "An account's health and positions.",
          "params": [
            {
              "name": "who",
              "type": "AccountId32"
            }
          ],
          "type": "ModelchainPrimitivesLendingAccountHealth"
        },
        "market": {
          "description": "A market's state, or `None` if there is no market for `asset`.",
          "params": [
            {
              "name": "asset",
              "type": "ModelchainPrimitivesLendingLendingAsset"
            }
          ],
          "type": "Option<ModelchainPrimitivesLendingMarketSummary>"
        }
      },
      "version": 1
    }
  ]
};

export const runtimeTypes = {
  "ModelchainPrimitivesDaoDaoScope": {
    "_enum": {
      "Chain": "Null",
      "Model": "u64"
    }
  },
  "ModelchainPrimitivesDaoProposalStatus": {
    "_enum": {
      "Voting": "Null",
      "Approved": {
        "enactAt": "u32"
      },
      "Rejected": "Null",
      "Cancelled": "Null",
      "Vetoed": "Null",
      "Enacted": {
        "ok": "bool"
      },
      "Unenactable": "Null"
    }
  },
  "ModelchainPrimitivesDaoProposalSummary": {
    "id": "u32",
    "scope": "ModelchainPrimitivesDaoDaoScope",
    "proposer": "AccountId32",
    "metadataHash": "H256",
    "snapshot": "u32",
    "votingEnds": "u32",
    "electorate": "u128",
    "quorumNeeded": "u128",
    "tally": "ModelchainPrimitivesDaoTally",
    "voters": "u32",
    "passing": "bool",
    "status": "ModelchainPrimitivesDaoProposalStatus",
    "track": "ModelchainPrimitivesDaoTrack",
    "locksUntil": "Option<u32>",
    "callHash": "H256",
    "call": "Bytes",
    "callPallet": "Bytes",
    "callMethod": "Bytes"
  },
  "ModelchainPrimitivesDaoTally": {
    "aye": "u128",
    "nay": "u128",
    "abstain": "u128"
  },
  "ModelchainPrimitivesDaoTrack": {
    "_enum": {
      "Standard": "Null",
      "Critical": "Null",
      "Emergency": "Null"
    }
  },
  "ModelchainPrimitivesLendingAccountHealth": {
    "collateralValue": "u128",
    "borrowLimit": "u128",
    "liquidationLimit": "u128",
    "debtValue": "u128",
    "healthFactor": "Option<u128>",
    "pricesFresh": "bool",
    "liquidatable": "bool",
    "positions": "Vec<ModelchainPrimitivesLendingPositionSummary>",
    "maxBorrowable": "Vec<ModelchainPrimitivesLendingBorrowable>"
  },
  "ModelchainPrimitivesLendingBorrowable": {
    "asset": "ModelchainPrimitivesLendingLendingAsset",
    "amount": "u128"
  },
  "ModelchainPrimitivesLendingLendingAsset": {
    "_enum": {
      "Native": "Null",
      "Asset": "u32",
      "ModelShares": "u64"
    }
  },
  "ModelchainPrimitivesLendingMarketSummary": {
    "asset": "ModelchainPrimitivesLendingLendingAsset",
    "utilisation": "u128",
    "borrowRate": "u128",
    "borrowApy": "u128",
    "supplyApy": "u128",
    "borrowIndex": "u128",
    "exchangeRate": "u128",
    "cash": "u128",
    "totalBorrows": "u128",
    "totalReserves": "u128",
    "totalShares": "u128",
    "deficit": "u128",
    "price": "Option<u128>",
    "paused": "bool"
  },
  "ModelchainPrimitivesLendingPositionSummary": {
    "asset": "ModelchainPrimitivesLendingLendingAsset",
    "supplied": "u128",
    "collateral": "bool",
    "debt": "u128"
  },
  "ModelchainPrimitivesModelsLicenseEntry": {
    "model": "u64",
    "status": "ModelchainPrimitivesModelsLicenseStatus"
  },
  "ModelchainPrimitivesModelsLicenseKind": {
    "_enum": {
      "Free": "Null",
      "PerUse": {
        "price": "u128"
      },
      "Subscription": {
        "price": "u128",
        "period": "u32"
      }
    }
  },
  "ModelchainPrimitivesModelsLicenseStatus": {
    "_enum": {
      "UnknownModel": "Null",
      "Free": "Null",
      "None": "Null",
      "Valid": {
        "expiresAt": "Option<u32>",
        "usesLeft": "u32",
        "commercialUse": "bool"
      },
      "Expired": "Null",
      "Revoked": "Null"
    }
  },
  "ModelchainPrimitivesModelsLicenseTerms": {
    "kind": "ModelchainPrimitivesModelsLicenseKind",
    "commercialUse": "bool",
    "derivativesAllowed": "bool",
    "derivativeRoyaltyFloor": "Permill",
    "contributorShare": "Permill",
    "restrictionsHash": "Option<H256>"
  },
  "ModelchainPrimitivesModelsLineageEdge": {
    "child": "u64",
    "parent": "u64",
    "relation": "ModelchainPrimitivesModelsRelation",
    "distance": "u32",
    "parentFlagged": "bool"
  },
  "ModelchainPrimitivesModelsModelFilter": {
    "_enum": {
      "Owner": "AccountId32",
      "Holder": "AccountId32"
    }
  },
  "ModelchainPrimitivesModelsModelStatus": {
    "_enum": {
      "Active": "Null",
      "Deprecated": "Null",
      "Retired": "Null"
    }
  },
  "ModelchainPrimitivesModelsModelSummary": {
    "id": "u64",
    "owner": "AccountId32",
    "contentHash": "H256",
    "name": "Bytes",
    "uri": "Bytes",
    "status": "ModelchainPrimitivesModelsModelStatus",
    "shareSupply": "u128",
    "terms": "ModelchainPrimitivesModelsLicenseTerms",
    "parents": "Vec<ModelchainPrimitivesModelsParentLink>",
    "datasets": "Vec<H256>",
    "depth": "u32",
    "versions": "Vec<ModelchainPrimitivesModelsVersionSummary>",
    "upheldIncidents": "u32",
    "ancestorFlagged": "bool",
    "flagged": "bool",
    "flaggedVersion": "Option<u32>",
    "openIncidents": "u32",
    "accountabilityBond": "u128",
    "revenueReceived": "u128",
    "revenueClaimed": "u128"
  },
  "ModelchainPrimitivesModelsPageLicenseEntry": {
    "items": "Vec<ModelchainPrimitivesModelsLicenseEntry>",
    "next": "Option<u64>"
  },
  "ModelchainPrimitivesModelsPageModelSummary": {
    "items": "Vec<ModelchainPrimitivesModelsModelSummary>",
    "next": "Option<u64>"
  },
  "ModelchainPrimitivesModelsParentLink": {
    "model": "u64",
    "relation": "ModelchainPrimitivesModelsRelation",
    "royalty": "Permill"
  },
  "ModelchainPrimitivesModelsRelation": {
    "_enum": {
      "Finetune": "Null",
      "Adapter": "Null",
      "Merge": "Null",
      "Quantized": "Null",
      "Distilled": "Null"
    }
  },
  "ModelchainPrimitivesModelsVersionSummary": {
    "number": "u32",
    "contentHash": "H256",
    "changelogHash": "Option<H256>",
    "publishedAt": "u32",
    "contributors": "Vec<(AccountId32,u32)>"
  },
  "ModelchainPrimitivesOracleCombinedValue": {
    "value": "u128",
    "updatedAt": "u64",
    "expiresAt": "u64",
    "feeds": "u32",
    "dispersion": "u128"
  },
  "ModelchainPrimitivesOracleMetricKind": {
    "_enum": {
      "Accuracy": "Null",
      "F1": "Null",
      "Perplexity": "Null",
      "Bleu": "Null",
      "LatencyMs": "Null",
      "Custom": "u16"
    }
  },
  "ModelchainPrimitivesOracleOracleKey": {
    "_enum": {
      "AssetPrice": "u32",
      "ModelMetric": {
        "model": "u64",
        "version": "u32",
        "metric": "ModelchainPrimitivesOracleMetricKind"
      }
    }
  },
  "ModelchainPrimitivesOracleValueStatus": {
    "_enum": {
      "Current": "Null",
      "Unknown": "Null",
      "InsufficientFeeds": "Null",
      "Stale": "Null",
      "Paused": "Null"
    }
  }
};
