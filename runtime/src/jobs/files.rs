//! The output files of jobs: in the data directory beside the SQLite
//! store (`outputs/<sha256 of the job id>/<index>-<sha256 of the output
//! name>`, so no client text reaches a path), or in memory with the
//! memory store. Removed with their job by retention.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Files in memory: by job id, then by (output, index).
type InMemory = Mutex<HashMap<String, HashMap<(String, usize), Vec<u8>>>>;

/// Where output files are kept.
pub(crate) enum Files {
    /// Under this directory.
    Dir(PathBuf),
    /// In memory, by job id, then (output, index).
    Memory(InMemory),
}

fn hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Files {
    /// Files in `data_dir/outputs`.
    pub(crate) fn in_dir(data_dir: &std::path::Path) -> Files {
        Files::Dir(data_dir.join("outputs"))
    }

    /// Files in memory.
    pub(crate) fn in_memory() -> Files {
        Files::Memory(Mutex::default())
    }

    fn job_dir(root: &std::path::Path, id: &str) -> PathBuf {
        root.join(hex(id))
    }

    fn file_name(output: &str, index: usize) -> String {
        format!("{index}-{}", &hex(output)[..32])
    }

    /// Keeps file `index` of output `output` of job `id`.
    pub(crate) async fn put(
        &self,
        id: &str,
        output: &str,
        index: usize,
        bytes: &[u8],
    ) -> std::io::Result<()> {
        match self {
            Files::Dir(root) => {
                let dir = Files::job_dir(root, id);
                let name = Files::file_name(output, index);
                let bytes = bytes.to_vec();
                // The three calls as one piece of blocking work. Written
                // whole, then renamed: a crash leaves no half file under the
                // final name.
                crate::blocking::run(move || {
                    std::fs::create_dir_all(&dir)?;
                    let partial = dir.join(format!("{name}.partial"));
                    std::fs::write(&partial, bytes)?;
                    std::fs::rename(&partial, dir.join(name))
                })
                .await
                .map_err(std::io::Error::other)?
            }
            Files::Memory(map) => {
                map.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .entry(id.to_string())
                    .or_default()
                    .insert((output.to_string(), index), bytes.to_vec());
                Ok(())
            }
        }
    }

    /// The bytes of file `index` of output `output` of job `id`, if kept.
    pub(crate) async fn get(
        &self,
        id: &str,
        output: &str,
        index: usize,
    ) -> std::io::Result<Option<Vec<u8>>> {
        match self {
            Files::Dir(root) => {
                let path = Files::job_dir(root, id).join(Files::file_name(output, index));
                match tokio::fs::read(path).await {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Files::Memory(map) => Ok(map
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(id)
                .and_then(|files| files.get(&(output.to_string(), index)))
                .cloned()),
        }
    }

    /// The bytes the files of job `id` take.
    pub(crate) async fn size(&self, id: &str) -> std::io::Result<u64> {
        match self {
            Files::Dir(root) => dir_size(&Files::job_dir(root, id)).await,
            Files::Memory(map) => Ok(map
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(id)
                .map_or(0, |files| files.values().map(|b| b.len() as u64).sum())),
        }
    }

    /// The bytes the files of every job take.
    pub(crate) async fn total(&self) -> std::io::Result<u64> {
        match self {
            Files::Dir(root) => {
                let mut total = 0;
                let mut jobs = match tokio::fs::read_dir(root).await {
                    Ok(jobs) => jobs,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
                    Err(e) => return Err(e),
                };
                while let Some(job) = jobs.next_entry().await? {
                    total += dir_size(&job.path()).await?;
                }
                Ok(total)
            }
            Files::Memory(map) => Ok(map
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .values()
                .flat_map(|files| files.values())
                .map(|b| b.len() as u64)
                .sum()),
        }
    }

    /// Removes every file of job `id`.
    pub(crate) async fn remove(&self, id: &str) -> std::io::Result<()> {
        match self {
            Files::Dir(root) => match tokio::fs::remove_dir_all(Files::job_dir(root, id)).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            Files::Memory(map) => {
                map.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
                Ok(())
            }
        }
    }
}

/// The bytes the files directly in `dir` take (0 if it is gone).
async fn dir_size(dir: &std::path::Path) -> std::io::Result<u64> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut total = 0;
    while let Some(entry) = entries.next_entry().await? {
        total += entry.metadata().await?.len();
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn round_trip(files: Files) {
        files.put("a/../b", "images", 0, b"png").await.unwrap();
        files.put("a/../b", "images", 1, b"two").await.unwrap();
        assert_eq!(
            files.get("a/../b", "images", 1).await.unwrap().as_deref(),
            Some(&b"two"[..])
        );
        assert_eq!(files.get("a/../b", "masks", 0).await.unwrap(), None);
        assert_eq!(files.get("other", "images", 0).await.unwrap(), None);
        files.put("other", "images", 0, b"12345").await.unwrap();
        assert_eq!(files.size("a/../b").await.unwrap(), 6);
        assert_eq!(files.size("never").await.unwrap(), 0);
        assert_eq!(files.total().await.unwrap(), 11);
        files.remove("other").await.unwrap();
        files.remove("a/../b").await.unwrap();
        files.remove("a/../b").await.unwrap();
        assert_eq!(files.get("a/../b", "images", 0).await.unwrap(), None);
        assert_eq!(files.total().await.unwrap(), 0);
    }

    #[tokio::test]
    async fn files_round_trip_on_disk_and_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        round_trip(Files::in_dir(dir.path())).await;
        // Nothing is left behind, and no client text became a path.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("outputs"))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "{left:?}");
        round_trip(Files::in_memory()).await;
    }
}
