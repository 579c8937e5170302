//! What sync keeps in IndexedDB besides the records: the shared folder's handle (a browser object,
//! stored as it is, which only IndexedDB can do) and which base is stored.

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::db::{Db, META};
use super::tx::finish;
use super::StorageError;

impl Db {
    /// A named browser value (a folder handle), as stored.
    pub async fn get_meta_value(&self, name: &str) -> Result<Option<JsValue>, StorageError> {
        let tx = self.rexie.transaction(&[META], TransactionMode::ReadOnly)?;
        Ok(tx.store(META)?.get(JsValue::from_str(name)).await?)
    }

    pub async fn set_meta_value(&self, name: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[META], TransactionMode::ReadWrite)?;
        let result = async {
            tx.store(META)?
                .put(value, Some(&JsValue::from_str(name)))
                .await?;
            Ok(())
        }
        .await;
        finish(tx, result, 0).await
    }

    /// Which base this tab holds (meta `base_id`, new at every replace): a replaced base is sent
    /// whole to the other computers, not as changes.
    pub fn base_id(&self) -> Option<String> {
        self.generation.borrow().clone()
    }
}
