//! Where `m` and `u` start before the base is measured: what a duplicate's fields and two
//! strangers' fields usually look like. `m` is also the prior EM weighs the base against;
//! `u` is the fallback for a base too small to sample.

use super::{Table, F};
use crate::dedup::compare::{Field, Match, MATCHES};

fn table(rows: &[(Field, &[(Match, f64)])]) -> Table {
    let mut t = [[0.0; MATCHES]; F];
    for (f, levels) in rows {
        for (m, p) in levels.iter() {
            t[f.index()][m.index()] = *p;
        }
    }
    t
}

/// A duplicate's fields before the base has said anything.
pub(super) fn start_m() -> Table {
    use Field::*;
    use Match::*;
    table(&[
        (Inn, &[(Same, 1.0)]),
        (Kpp, &[(Same, 0.9), (Different, 0.1)]),
        (
            Phone,
            &[
                (Same, 0.55),
                (Unrelated, 0.02),
                (Shared, 0.05),
                (Different, 0.38),
            ],
        ),
        (
            Email,
            &[
                (Same, 0.55),
                (Unrelated, 0.02),
                (Shared, 0.03),
                (Different, 0.40),
            ],
        ),
        (
            Name,
            &[
                (Same, 0.55),
                (Close, 0.2),
                (Similar, 0.15),
                (Different, 0.1),
            ],
        ),
        (
            Person,
            &[
                (Same, 0.55),
                (Close, 0.2),
                (Similar, 0.15),
                (Different, 0.1),
            ],
        ),
        (
            Contact,
            &[
                (Same, 0.6),
                (Close, 0.1),
                (Similar, 0.15),
                (Unrelated, 0.02),
                (Different, 0.13),
            ],
        ),
        (
            Address,
            &[
                (Same, 0.45),
                (Close, 0.15),
                (Similar, 0.02),
                (Unrelated, 0.02),
                (SameStreet, 0.03),
                (SameCity, 0.2),
                (Different, 0.15),
            ],
        ),
        (Postcode, &[(Same, 0.6), (Different, 0.4)]),
        (LegalForm, &[(Same, 0.85), (Different, 0.15)]),
    ])
}

/// Two different clients' fields, for a base too small to measure.
pub(super) fn start_u() -> Table {
    use Field::*;
    use Match::*;
    table(&[
        (Inn, &[(Same, 1e-4)]),
        // Companies registered at one tax office often have the same КПП.
        (Kpp, &[(Same, 0.05), (Different, 0.95)]),
        (
            Phone,
            &[
                (Same, 1e-4),
                (Unrelated, 1e-5),
                (Shared, 1e-3),
                (Different, 0.999),
            ],
        ),
        (
            Email,
            &[
                (Same, 1e-4),
                (Unrelated, 1e-5),
                (Shared, 1e-3),
                (Different, 0.999),
            ],
        ),
        (
            Name,
            &[
                (Same, 1e-4),
                (Close, 1e-3),
                (Similar, 1e-2),
                (Different, 0.989),
            ],
        ),
        (
            Person,
            &[
                (Same, 1e-4),
                (Close, 1e-3),
                (Similar, 1e-2),
                (Different, 0.989),
            ],
        ),
        (
            Contact,
            &[
                (Same, 1e-4),
                (Close, 1e-3),
                (Similar, 1e-2),
                (Unrelated, 1e-4),
                (Different, 0.989),
            ],
        ),
        (
            Address,
            &[
                (Same, 1e-4),
                (Close, 1e-4),
                (Similar, 2e-4),
                (Unrelated, 1e-4),
                (SameStreet, 3e-3),
                (SameCity, 0.1),
                (Different, 0.9),
            ],
        ),
        (Postcode, &[(Same, 0.01), (Different, 0.99)]),
        (LegalForm, &[(Same, 0.5), (Different, 0.5)]),
    ])
}
