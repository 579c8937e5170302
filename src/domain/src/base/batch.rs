//! A set of records to write together, its counts, and every record of a batch or a base
//! borrowed (for writing a backup without a copy). The fields come from `record_kinds!`.

use crate::model::*;
use crate::record::record_kinds;
use crate::sync::Clocks;

macro_rules! batch_types {
    ($($t:ident => $v:ident, $f:ident, $s:literal, $l:ident, $o:ident;)*) => {
        /// A set of writes that must land together.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Batch {
            $(pub $f: Vec<$t>,)*
            pub tombstones: Vec<Tombstone>,
            /// The records' clocks for sync (`sync::Clocks`); not records themselves.
            pub clocks: Vec<Clocks>,
        }

        /// Every record of a batch or a base, borrowed.
        #[derive(Debug, Clone, Copy)]
        pub struct Slices<'a> {
            $(pub $f: &'a [$t],)*
            pub tombstones: &'a [Tombstone],
            pub clocks: &'a [Clocks],
        }

        /// How many records of each kind.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
        pub struct Counts {
            $(pub $f: usize,)*
            pub tombstones: usize,
        }

        impl Batch {
            /// Adds `other`'s writes after this batch's.
            pub fn append(&mut self, other: Batch) {
                $(self.$f.extend(other.$f);)*
                self.tombstones.extend(other.tombstones);
                self.clocks.extend(other.clocks);
            }
        }

        impl Slices<'_> {
            pub fn counts(&self) -> Counts {
                Counts {
                    $($f: self.$f.len(),)*
                    tombstones: self.tombstones.len(),
                }
            }
        }

        impl<'a> From<&'a Batch> for Slices<'a> {
            fn from(b: &'a Batch) -> Slices<'a> {
                Slices {
                    $($f: &b.$f,)*
                    tombstones: &b.tombstones,
                    clocks: &b.clocks,
                }
            }
        }

        impl Counts {
            pub fn total(&self) -> usize {
                0 $(+ self.$f)* + self.tombstones
            }

            /// The count of one kind.
            pub fn of(&self, kind: RecordKind) -> usize {
                match kind {
                    $(RecordKind::$v => self.$f,)*
                }
            }
        }

        impl Batch {
            /// The ids of every record the batch puts (not its tombstones): a record put after its
            /// deletion is alive again.
            pub fn put_ids(&self) -> std::collections::HashSet<Id> {
                let mut ids = std::collections::HashSet::new();
                $(ids.extend(self.$f.iter().map(|r| r.id));)*
                ids
            }
        }
    };
}

record_kinds!(batch_types);

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.counts().total() == 0 && self.clocks.is_empty()
    }

    pub fn counts(&self) -> Counts {
        Slices::from(self).counts()
    }
}
