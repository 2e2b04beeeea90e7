//! Signing transactions in the node itself, with the dev keyring: the dev chain's demo seed
//! and the benchmarking subcommands' extrinsic builders both use [`signed`].

use codec::Encode;
use modelchain_runtime::{RuntimeCall, SignedPayload, UncheckedExtrinsic};
use sp_core::{Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::generic::Era;

/// `call` signed by `who` with every transaction extension of the runtime, immortal, no tip,
/// metadata-hash mode 0: what a wallet would send.
pub fn signed(
	who: Sr25519Keyring,
	call: RuntimeCall,
	nonce: u32,
	spec_version: u32,
	transaction_version: u32,
	genesis: H256,
) -> UncheckedExtrinsic {
	let tx_ext = modelchain_runtime::tx_extension(Era::Immortal, nonce);
	let implicit = ((), spec_version, transaction_version, genesis, genesis, (), (), (), None, ());
	let payload = SignedPayload::from_raw(call.clone(), tx_ext.clone(), implicit);
	let signature = payload.using_encoded(|bytes| who.pair().sign(bytes));
	UncheckedExtrinsic::new_signed(call, who.to_account_id().into(), signature.into(), tx_ext)
}
