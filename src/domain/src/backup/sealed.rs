//! The encrypted backup: a backup file's bytes sealed with a password, in a small container
//! (docs/backup-format.md, «Encrypted backups»):
//!
//! ```text
//! magic "PISMOENC" · version 1 · kdf 1 (PBKDF2-HMAC-SHA-256) · iterations u32 · salt 16 bytes
//! · nonce prefix 8 bytes · chunk size u32 · chunks
//! ```
//!
//! (integers big-endian). The key is PBKDF2-HMAC-SHA-256 of the password; each chunk of `chunk
//! size` plain bytes (the last one shorter) is AES-256-GCM with the nonce `prefix ‖ index` and the
//! header, the index and a last-chunk flag as associated data, so chunks can be neither reordered,
//! dropped nor cut off at a chunk boundary without the tag failing. Chunks let a 166 MB backup be
//! sealed and opened a piece at a time. This module holds the layout (shared by the browser,
//! which runs the same loop over WebCrypto) and, natively, the sealing itself.

pub const MAGIC: &[u8; 8] = b"PISMOENC";
pub const HEADER_LEN: usize = 8 + 1 + 1 + 4 + 16 + 8 + 4;
pub const TAG_LEN: usize = 16;
/// 1 MiB of plain text per chunk.
pub const CHUNK: u32 = 1 << 20;
/// OWASP's figure for PBKDF2-HMAC-SHA-256 (2023): about half a second in a browser.
pub const ITERATIONS: u32 = 600_000;
/// Fewer iterations than this are refused on reading: such a file was not written by Pismo.
pub const MIN_ITERATIONS: u32 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub iterations: u32,
    pub salt: [u8; 16],
    pub nonce_prefix: [u8; 8],
    pub chunk: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealedError {
    #[error("not an encrypted Pismo backup")]
    NotSealed,
    #[error("encrypted with a newer version of Pismo (container version {0})")]
    Version(u8),
    #[error("the file's header is damaged: {0}")]
    Header(&'static str),
    /// A wrong password and a changed file look the same to AES-GCM, on purpose.
    #[error("wrong password, or the file was changed or cut off")]
    WrongPasswordOrDamaged,
}

pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

impl Header {
    pub fn new(salt: [u8; 16], nonce_prefix: [u8; 8]) -> Header {
        Header {
            iterations: ITERATIONS,
            salt,
            nonce_prefix,
            chunk: CHUNK,
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(HEADER_LEN);
        v.extend_from_slice(MAGIC);
        v.extend_from_slice(&[1, 1]);
        v.extend_from_slice(&self.iterations.to_be_bytes());
        v.extend_from_slice(&self.salt);
        v.extend_from_slice(&self.nonce_prefix);
        v.extend_from_slice(&self.chunk.to_be_bytes());
        v
    }

    pub fn parse(bytes: &[u8]) -> Result<Header, SealedError> {
        if !is_sealed(bytes) {
            return Err(SealedError::NotSealed);
        }
        if bytes.len() < HEADER_LEN {
            return Err(SealedError::Header("too short"));
        }
        if bytes[8] != 1 {
            return Err(SealedError::Version(bytes[8]));
        }
        if bytes[9] != 1 {
            return Err(SealedError::Header("unknown key derivation"));
        }
        let u32_at =
            |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let h = Header {
            iterations: u32_at(10),
            salt: bytes[14..30]
                .try_into()
                .map_err(|_| SealedError::Header("salt"))?,
            nonce_prefix: bytes[30..38]
                .try_into()
                .map_err(|_| SealedError::Header("nonce"))?,
            chunk: u32_at(38),
        };
        if h.iterations < MIN_ITERATIONS {
            return Err(SealedError::Header("too few key derivation iterations"));
        }
        if !(1024..=1 << 26).contains(&h.chunk) {
            return Err(SealedError::Header("chunk size"));
        }
        Ok(h)
    }

    pub fn nonce(&self, index: u32) -> [u8; 12] {
        let mut n = [0u8; 12];
        n[..8].copy_from_slice(&self.nonce_prefix);
        n[8..].copy_from_slice(&index.to_be_bytes());
        n
    }

    /// What each chunk's tag also covers: the header, the chunk's place, whether it is the last.
    pub fn aad(&self, index: u32, last: bool) -> Vec<u8> {
        let mut a = self.encode();
        a.extend_from_slice(&index.to_be_bytes());
        a.push(u8::from(last));
        a
    }

    /// The sealed chunks of a body of `len` bytes: (index, byte range, last). An empty plain
    /// text is one empty chunk, so even it has a tag.
    pub fn sealed_chunks(
        &self,
        len: usize,
    ) -> Result<Vec<(u32, std::ops::Range<usize>, bool)>, SealedError> {
        let size = self.chunk as usize + TAG_LEN;
        let count = len.div_ceil(size).max(1);
        let mut out = Vec::with_capacity(count);
        for i in 0..count {
            let start = i * size;
            let end = (start + size).min(len);
            if end - start < TAG_LEN {
                return Err(SealedError::WrongPasswordOrDamaged);
            }
            let index = u32::try_from(i).map_err(|_| SealedError::Header("too many chunks"))?;
            out.push((index, start..end, i + 1 == count));
        }
        Ok(out)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    use aes_gcm::{Aes256Gcm, Nonce};

    use super::*;

    fn cipher(password: &str, h: &Header) -> Aes256Gcm {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), &h.salt, h.iterations, &mut key);
        Aes256Gcm::new(&key.into())
    }

    /// A header with a new random salt and nonce prefix, for one new file.
    pub fn fresh_header() -> Header {
        use aes_gcm::aead::rand_core::RngCore;
        let mut salt = [0u8; 16];
        let mut prefix = [0u8; 8];
        aes_gcm::aead::OsRng.fill_bytes(&mut salt);
        aes_gcm::aead::OsRng.fill_bytes(&mut prefix);
        Header::new(salt, prefix)
    }

    /// Seals `plain` (a backup's bytes) with `password`; the header's salt and nonce prefix must
    /// be new for every file (`fresh_header`).
    pub fn seal(plain: &[u8], password: &str, header: &Header) -> Vec<u8> {
        let c = cipher(password, header);
        let mut out = header.encode();
        let chunk = header.chunk as usize;
        let pieces: Vec<&[u8]> = if plain.is_empty() {
            vec![&[]]
        } else {
            plain.chunks(chunk).collect()
        };
        let count = pieces.len();
        for (i, piece) in pieces.into_iter().enumerate() {
            let index = i as u32;
            let aad = header.aad(index, i + 1 == count);
            // AES-GCM refuses only messages past 64 GB; a chunk is 1 MiB.
            if let Ok(sealed) = c.encrypt(
                Nonce::from_slice(&header.nonce(index)),
                Payload {
                    msg: piece,
                    aad: &aad,
                },
            ) {
                out.extend_from_slice(&sealed);
            }
        }
        out
    }

    /// Opens a sealed backup: its plain bytes, or why not (nothing is half-opened).
    pub fn open(sealed: &[u8], password: &str) -> Result<Vec<u8>, SealedError> {
        let header = Header::parse(sealed)?;
        let body = &sealed[HEADER_LEN..];
        let c = cipher(password, &header);
        let mut out = Vec::with_capacity(body.len());
        for (index, range, last) in header.sealed_chunks(body.len())? {
            let aad = header.aad(index, last);
            let plain = c
                .decrypt(
                    Nonce::from_slice(&header.nonce(index)),
                    Payload {
                        msg: &body[range],
                        aad: &aad,
                    },
                )
                .map_err(|_| SealedError::WrongPasswordOrDamaged)?;
            out.extend_from_slice(&plain);
        }
        Ok(out)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{fresh_header, open, seal};

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            iterations: MIN_ITERATIONS,
            chunk: 1024,
            ..Header::new([7; 16], [9; 8])
        }
    }

    #[test]
    fn a_sealed_backup_opens_with_its_password_only() {
        let plain: Vec<u8> = (0..5000u32).flat_map(|i| i.to_le_bytes()).collect();
        let sealed = seal(&plain, "Лавровый венец 2026", &header());
        assert!(is_sealed(&sealed));
        assert_eq!(
            sealed.len(),
            HEADER_LEN + plain.len() + 20 * TAG_LEN,
            "20 chunks of 1 KiB"
        );
        assert_eq!(open(&sealed, "Лавровый венец 2026").unwrap(), plain);
        assert_eq!(
            open(&sealed, "лавровый венец 2026"),
            Err(SealedError::WrongPasswordOrDamaged)
        );
        assert_eq!(open(&seal(b"", "p", &header()), "p").unwrap(), b"");
    }

    #[test]
    fn a_changed_reordered_or_cut_file_does_not_open() {
        let plain = vec![42u8; 3000];
        let sealed = seal(&plain, "p", &header());
        let mut flipped = sealed.clone();
        flipped[HEADER_LEN + 100] ^= 1;
        assert_eq!(
            open(&flipped, "p"),
            Err(SealedError::WrongPasswordOrDamaged)
        );
        // Cut at a chunk boundary: the new last chunk was not sealed as the last.
        let cut = &sealed[..HEADER_LEN + 2 * (1024 + TAG_LEN)];
        assert_eq!(open(cut, "p"), Err(SealedError::WrongPasswordOrDamaged));
        // Two chunks swapped.
        let size = 1024 + TAG_LEN;
        let mut swapped = sealed[..HEADER_LEN].to_vec();
        swapped.extend_from_slice(&sealed[HEADER_LEN + size..HEADER_LEN + 2 * size]);
        swapped.extend_from_slice(&sealed[HEADER_LEN..HEADER_LEN + size]);
        swapped.extend_from_slice(&sealed[HEADER_LEN + 2 * size..]);
        assert_eq!(
            open(&swapped, "p"),
            Err(SealedError::WrongPasswordOrDamaged)
        );
        // A header changed to fewer iterations is refused before any work.
        let mut weak = sealed.clone();
        weak[10..14].copy_from_slice(&1u32.to_be_bytes());
        assert!(matches!(open(&weak, "p"), Err(SealedError::Header(_))));
        assert_eq!(
            open(b"{\"format\":\"pismo-backup\"}", "p"),
            Err(SealedError::NotSealed)
        );
    }
}
