//! Gradient-boosted trees as the trained models store them (`tools/model/`) → a raw score
//! for a feature vector, and each feature's share of it.
//!
//! The trees' part of a model file (little-endian): u16 tree count; per tree a u16 node
//! count and per node u8 feature (255: a leaf), f32 threshold (go left when the feature is at
//! most it), u16 left and right child, f32 value (a leaf's output; a split's mean output,
//! for the evidence). Each model adds its own header in front (`reflow::model`,
//! `structure::roles`).

const LEAF: u8 = 255;

#[derive(Debug, Clone, Copy)]
struct Node {
    feature: u8,
    threshold: f32,
    left: u16,
    right: u16,
    value: f32,
}

/// Reads the little-endian fields of a model file, failing on a truncated one.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    /// Names the model in error messages.
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader of `bytes`, a model file of the kind `what` names in its errors.
    pub(crate) fn new(bytes: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader { bytes, what }
    }

    /// The next `N` bytes.
    pub(crate) fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let (head, rest) = self
            .bytes
            .split_first_chunk::<N>()
            .ok_or_else(|| format!("{} truncated", self.what))?;
        self.bytes = rest;
        Ok(*head)
    }

    /// The next u16.
    pub(crate) fn u16(&mut self) -> Result<u16, String> {
        self.take().map(u16::from_le_bytes)
    }

    /// The next u32.
    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        self.take().map(u32::from_le_bytes)
    }

    /// The next f32, which must be finite.
    pub(crate) fn f32(&mut self) -> Result<f32, String> {
        let v = self.take().map(f32::from_le_bytes)?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(format!("{} holds a non-finite number", self.what))
        }
    }

    /// Fails unless every byte has been read.
    pub(crate) fn finish(&self) -> Result<(), String> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(format!("{} has trailing bytes", self.what))
        }
    }
}

/// A parsed set of trees whose outputs add up to a raw score.
#[derive(Debug)]
pub(crate) struct Forest {
    trees: Vec<Vec<Node>>,
}

impl Forest {
    /// Reads the trees and validates them: every child index points forward inside its
    /// tree (so a walk ends), every feature index is below `n_features`.
    pub(crate) fn read(r: &mut Reader<'_>, n_features: usize) -> Result<Forest, String> {
        let what = r.what;
        let n_trees = r.u16()?;
        let mut trees = Vec::with_capacity(usize::from(n_trees));
        for _ in 0..n_trees {
            let n = r.u16()?;
            if n == 0 {
                return Err(format!("{what} has an empty tree"));
            }
            let mut nodes = Vec::with_capacity(usize::from(n));
            for i in 0..n {
                let node = Node {
                    feature: r.take::<1>()?[0],
                    threshold: r.f32()?,
                    left: r.u16()?,
                    right: r.u16()?,
                    value: r.f32()?,
                };
                if node.feature != LEAF {
                    if usize::from(node.feature) >= n_features {
                        return Err(format!("{what} splits on an unknown feature"));
                    }
                    if node.left <= i || node.right <= i || node.left >= n || node.right >= n {
                        return Err(format!("{what} tree is malformed"));
                    }
                }
                nodes.push(node);
            }
            trees.push(nodes);
        }
        Ok(Forest { trees })
    }

    /// Whether the forest has no trees.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.trees.is_empty()
    }

    /// The sum of the trees' outputs for `f` and, when asked, each feature's contribution
    /// to it (the change of the mean output along each tree's path; with the roots' mean
    /// outputs they add up to the sum).
    pub(crate) fn score(&self, f: &[f32], mut contributions: Option<&mut [f32]>) -> f32 {
        let mut sum = 0.0;
        for tree in &self.trees {
            let mut i = 0usize;
            loop {
                let node = tree[i];
                if node.feature == LEAF {
                    sum += node.value;
                    break;
                }
                let j = usize::from(node.feature);
                let next = if f.get(j).is_some_and(|&v| v <= node.threshold) {
                    node.left
                } else {
                    node.right
                };
                i = usize::from(next);
                if let Some(c) = contributions.as_deref_mut() {
                    if let Some(c) = c.get_mut(j) {
                        *c += tree[i].value - node.value;
                    }
                }
            }
        }
        sum
    }

    /// The sum of the roots' mean outputs (what the contributions start from).
    #[cfg(test)]
    pub(crate) fn roots(&self) -> f32 {
        self.trees.iter().map(|t| t[0].value).sum()
    }
}
