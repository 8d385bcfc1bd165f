//! Page contexts as Tera values, built directly: no intermediate JSON tree to
//! convert, and parts shared between pages (a finding, an owner, an action as of
//! a cycle, rendered Markdown) are reference-counted, so sharing one costs a
//! pointer copy.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::Mutex;
pub(crate) use tera::Value;

/// A Tera map from `"key" => value` pairs; each value is anything `Into<Value>`.
#[macro_export]
macro_rules! view {
    ($($key:literal => $value:expr),* $(,)?) => {{
        let mut map = ::tera::Map::with_capacity([$($key),*].len());
        $( map.insert(::tera::value::Key::Str($key), ::tera::Value::from($value)); )*
        ::tera::Value::from(map)
    }};
}

/// A list of values.
pub(crate) fn list<I: IntoIterator<Item = Value>>(items: I) -> Value {
    Value::from(items.into_iter().collect::<Vec<_>>())
}

/// `value` with `pairs` added or replaced; `value` itself is left as it is.
pub(crate) fn with(value: &Value, pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    let mut map = value.as_map().cloned().unwrap_or_default();
    for (key, item) in pairs {
        map.insert(tera::value::Key::Str(key), item);
    }
    Value::from(map)
}

/// Values computed once per build and shared by every page that shows them.
/// Pages render on several threads, so the table is split into shards, each
/// behind its own lock; the value is computed outside the lock (two threads may
/// both compute one, and get the same result).
pub(crate) struct Memo<K> {
    shards: Vec<Mutex<HashMap<K, Value>>>,
    hasher: RandomState,
}

impl<K: Hash + Eq> Default for Memo<K> {
    fn default() -> Self {
        Memo {
            shards: (0..64).map(|_| Mutex::new(HashMap::new())).collect(),
            hasher: RandomState::new(),
        }
    }
}

impl<K: Hash + Eq> Memo<K> {
    pub(crate) fn get_or(&self, key: K, compute: impl FnOnce() -> Value) -> Value {
        #[allow(clippy::cast_possible_truncation)]
        let shard = &self.shards[self.hasher.hash_one(&key) as usize % self.shards.len()];
        if let Some(value) = lock(shard).get(&key) {
            return value.clone();
        }
        let value = compute();
        lock(shard).insert(key, value.clone());
        value
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a half-inserted value behind.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The address of a borrowed value, as a memo key: content is not copied or
/// hashed, and the site outlives every memo of a build.
pub(crate) fn address<T>(value: &T) -> usize {
    std::ptr::from_ref(value) as usize
}
