//! The origins an enacted proposal carries, as `EnsureOrigin` checks for other pallets.

use super::*;

/// Accepts the chain DAO's origin (`Origin::Chain`).
pub struct EnsureChainDao<T>(PhantomData<T>);
impl<T: Config, O> EnsureOrigin<O> for EnsureChainDao<T>
where
	O: Into<Result<DaoScope, O>> + From<DaoScope>,
{
	type Success = ();
	fn try_origin(o: O) -> Result<(), O> {
		o.into().and_then(|scope| match scope {
			DaoScope::Chain => Ok(()),
			other => Err(O::from(other)),
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(DaoScope::Chain))
	}
}

/// Accepts `Origin::Model(id)` for the model `id` only.
pub struct EnsureModelDao<T>(PhantomData<T>);
impl<T: Config, O> EnsureOriginWithArg<O, ModelId> for EnsureModelDao<T>
where
	O: Into<Result<DaoScope, O>> + From<DaoScope>,
{
	type Success = ();
	fn try_origin(o: O, model: &ModelId) -> Result<(), O> {
		o.into().and_then(|scope| match scope {
			DaoScope::Model(id) if id == *model => Ok(()),
			other => Err(O::from(other)),
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(model: &ModelId) -> Result<O, ()> {
		Ok(O::from(DaoScope::Model(*model)))
	}
}
