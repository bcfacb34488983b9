//! Per-document summaries → corpus tables: documents, corpus terms with document
//! frequencies, distinctive terms (TF-IDF), a term's trend across documents, and document
//! similarity (cosine).
//!
//! A [`Corpus`] keeps each document's term counts (one sparse vector over a shared
//! vocabulary), never its tokens or text: 8 bytes per distinct term of each document, and
//! each term's text once.
//!
//! # Examples
//!
//! ```
//! use qingwen::corpus::{Corpus, DocumentSummary};
//! let mut corpus = Corpus::default();
//! corpus.add(DocumentSummary::from_counts("a.txt", 9, [("干部", 2), ("培养", 1)]));
//! corpus.add(DocumentSummary::from_counts("b.txt", 9, [("干部", 1), ("选拔", 1)]));
//! let terms = corpus.terms();
//! assert_eq!((terms[0].term.as_str(), terms[0].count, terms[0].documents), ("干部", 3, 2));
//! ```

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::{Meta, TermCount};

/// How many top terms [`Corpus::documents`] lists for each document by default.
pub const DEFAULT_DOCUMENT_TOP: usize = 10;

/// The most documents [`Corpus::tables`] gives a similarity matrix for: it has N² cells
/// (2,000 documents: 32 MB of `f64`, and 2 million sparse dot products, a few seconds), and a
/// heat map of more documents than pixels says nothing.
pub const MAX_SIMILARITY_DOCUMENTS: usize = 2_000;

/// What the corpus needs of one analysed document: who it is and how often each term occurs
/// in it (all its terms, not a top list, so that document frequencies are exact).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The document's name (a file path, or the id a JSONL line gave).
    pub name: String,
    /// Its title, from [`Meta::title`].
    pub title: Option<String>,
    /// Its date (`YYYY-MM-DD`), from [`Meta::date`].
    pub date: Option<String>,
    /// Its size in bytes, as read.
    pub size: usize,
    /// How many tokens were counted (the sum of `terms`' counts).
    pub tokens: usize,
    /// Every counted term and its count.
    pub terms: Vec<(String, usize)>,
}

impl DocumentSummary {
    /// A summary from an analysis's metadata and a complete term table (e.g.
    /// [`crate::terms::count_terms`] with `top: 0`).
    pub fn new(name: &str, size: usize, meta: &Meta, terms: &[TermCount]) -> Self {
        let mut summary =
            Self::from_counts(name, size, terms.iter().map(|t| (t.term.as_str(), t.count)));
        summary.title = meta.title.clone();
        summary.date = meta.date.clone();
        summary
    }

    /// A summary with no metadata from `(term, count)` pairs.
    pub fn from_counts<'a>(
        name: &str,
        size: usize,
        terms: impl IntoIterator<Item = (&'a str, usize)>,
    ) -> Self {
        let terms: Vec<(String, usize)> = terms
            .into_iter()
            .filter(|&(_, count)| count > 0)
            .map(|(term, count)| (term.to_owned(), count))
            .collect();
        DocumentSummary {
            name: name.to_owned(),
            title: None,
            date: None,
            size,
            tokens: terms.iter().map(|(_, count)| count).sum(),
            terms,
        }
    }
}

/// A row of the documents table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRow {
    /// The document's name.
    pub name: String,
    /// Its title, where found.
    pub title: Option<String>,
    /// Its date, where found.
    pub date: Option<String>,
    /// Its size in bytes.
    pub size: usize,
    /// How many tokens were counted.
    pub tokens: usize,
    /// How many different terms it has.
    pub distinct_terms: usize,
    /// Its most frequent terms, most frequent first (ties by term).
    pub top_terms: Vec<String>,
}

/// A row of the corpus terms table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusTerm {
    /// The term.
    pub term: String,
    /// Occurrences in the whole corpus.
    pub count: usize,
    /// How many documents contain it (its document frequency).
    pub documents: usize,
    /// Occurrences per 10,000 tokens of the corpus.
    pub per10k: f64,
}

/// A term that distinguishes a document, with its TF-IDF score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredTerm {
    /// The term.
    pub term: String,
    /// Occurrences in the document.
    pub count: usize,
    /// `count / tokens × ln(N / df)`; see [`Corpus::distinctive`].
    pub score: f64,
}

/// The distinctive terms of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distinctive {
    /// The document's name.
    pub document: String,
    /// Its best terms by TF-IDF, best first.
    pub terms: Vec<ScoredTerm>,
}

/// One document's point on a term's trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The document's name.
    pub document: String,
    /// Occurrences of the term in it.
    pub count: usize,
    /// Occurrences per 10,000 of its tokens.
    pub per10k: f64,
}

/// A term's trend across the documents, in corpus order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// The term.
    pub term: String,
    /// One point per document.
    pub points: Vec<TrendPoint>,
}

/// Cosine similarity of every pair of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Similarity {
    /// The documents' names, in corpus order: the rows and columns of `matrix`.
    pub documents: Vec<String>,
    /// `matrix[i][j]`: the cosine of documents `i` and `j`'s term-count vectors, 0 to 1
    /// (1 on the diagonal, 0 for a document with no terms).
    pub matrix: Vec<Vec<f64>>,
}

/// All the tables of a corpus at once, as the CLI's `--corpus` writes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusTables {
    /// One row per document, in corpus order.
    pub documents: Vec<DocumentRow>,
    /// The corpus's terms, most frequent first.
    pub terms: Vec<CorpusTerm>,
    /// The distinctive terms of each document.
    pub distinctive: Vec<Distinctive>,
    /// The trends of the corpus's most frequent terms.
    pub trends: Vec<Trend>,
    /// Document similarity; `None` for more than [`MAX_SIMILARITY_DOCUMENTS`] documents.
    pub similarity: Option<Similarity>,
}

/// How many rows each list of [`Corpus::tables`] has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSizes {
    /// Top terms per document.
    pub document_top: usize,
    /// Corpus terms (0: all).
    pub terms: usize,
    /// Distinctive terms per document.
    pub distinctive: usize,
    /// Trends, for the most frequent terms.
    pub trends: usize,
}

impl Default for TableSizes {
    fn default() -> Self {
        TableSizes {
            document_top: DEFAULT_DOCUMENT_TOP,
            terms: 200,
            distinctive: 10,
            trends: 10,
        }
    }
}

/// Documents' term counts over one vocabulary, and the corpus-wide aggregates.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Each document's summary, its term list emptied into `vectors`.
    docs: Vec<DocumentSummary>,
    /// Each document's `(term id, count)` pairs, by term id.
    vectors: Vec<Vec<(u32, u32)>>,
    ids: FxHashMap<String, u32>,
    /// Term id → term.
    vocab: Vec<String>,
    /// Term id → occurrences in the corpus.
    counts: Vec<usize>,
    /// Term id → documents containing it.
    df: Vec<usize>,
    tokens: usize,
}

impl Corpus {
    /// Adds a document; the corpus keeps its counts, not its term strings.
    pub fn add(&mut self, mut doc: DocumentSummary) {
        let mut vector = Vec::with_capacity(doc.terms.len());
        for (term, count) in std::mem::take(&mut doc.terms) {
            let id = match self.ids.get(&term) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(self.vocab.len()).expect("fewer than 2^32 terms");
                    self.ids.insert(term.clone(), id);
                    self.vocab.push(term);
                    self.counts.push(0);
                    self.df.push(0);
                    id
                }
            };
            vector.push((id, u32::try_from(count).unwrap_or(u32::MAX)));
        }
        vector.sort_unstable_by_key(|&(id, _)| id);
        // A term listed twice counts once per listing, in one entry.
        vector.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 = a.1.saturating_add(b.1);
            }
            same
        });
        for &(id, count) in &vector {
            self.counts[id as usize] += count as usize;
            self.df[id as usize] += 1;
        }
        doc.tokens = vector.iter().map(|&(_, c)| c as usize).sum();
        self.tokens += doc.tokens;
        self.docs.push(doc);
        self.vectors.push(vector);
    }

    /// How many documents the corpus has.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the corpus has no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents table, in the order they were added, each with its `top` terms.
    pub fn documents(&self, top: usize) -> Vec<DocumentRow> {
        self.docs
            .iter()
            .zip(&self.vectors)
            .map(|(doc, vector)| {
                let mut ranked: Vec<(u32, u32)> = vector.clone();
                ranked.sort_unstable_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
                });
                DocumentRow {
                    name: doc.name.clone(),
                    title: doc.title.clone(),
                    date: doc.date.clone(),
                    size: doc.size,
                    tokens: doc.tokens,
                    distinct_terms: vector.len(),
                    top_terms: ranked
                        .iter()
                        .take(top)
                        .map(|&(id, _)| self.vocab[id as usize].clone())
                        .collect(),
                }
            })
            .collect()
    }

    /// Every term of the corpus with its count, document frequency and rate per 10,000
    /// tokens, most frequent first (ties by term).
    pub fn terms(&self) -> Vec<CorpusTerm> {
        let base = self.tokens.max(1) as f64;
        let mut rows: Vec<CorpusTerm> = (0..self.vocab.len())
            .map(|id| CorpusTerm {
                term: self.vocab[id].clone(),
                count: self.counts[id],
                documents: self.df[id],
                per10k: self.counts[id] as f64 * 10_000.0 / base,
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
        rows
    }

    /// The `top` terms of each document by TF-IDF, best first (ties by term).
    ///
    /// The variant: term frequency relative to the document's length (`count / tokens`),
    /// times the unsmoothed inverse document frequency `ln(N / df)` over the `N` documents.
    /// A term every document has scores 0 and is left out: it distinguishes none.
    pub fn distinctive(&self, top: usize) -> Vec<Distinctive> {
        let n = self.docs.len() as f64;
        self.docs
            .iter()
            .zip(&self.vectors)
            .map(|(doc, vector)| {
                let length = doc.tokens.max(1) as f64;
                let mut scored: Vec<(u32, u32, f64)> = vector
                    .iter()
                    .map(|&(id, count)| {
                        let idf = (n / self.df[id as usize] as f64).ln();
                        (id, count, f64::from(count) / length * idf)
                    })
                    .filter(|&(_, _, score)| score > 0.0)
                    .collect();
                scored.sort_unstable_by(|a, b| {
                    b.2.total_cmp(&a.2)
                        .then_with(|| self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
                });
                Distinctive {
                    document: doc.name.clone(),
                    terms: scored
                        .into_iter()
                        .take(top)
                        .map(|(id, count, score)| ScoredTerm {
                            term: self.vocab[id as usize].clone(),
                            count: count as usize,
                            score,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// How often `term` occurs in each document, in corpus order (zeros where it is absent,
    /// and everywhere for a term the corpus lacks).
    pub fn trend(&self, term: &str) -> Trend {
        let id = self.ids.get(term).copied();
        let points = self
            .docs
            .iter()
            .zip(&self.vectors)
            .map(|(doc, vector)| {
                let count = id
                    .and_then(|id| vector.binary_search_by_key(&id, |&(i, _)| i).ok())
                    .map_or(0, |at| vector[at].1 as usize);
                TrendPoint {
                    document: doc.name.clone(),
                    count,
                    per10k: count as f64 * 10_000.0 / doc.tokens.max(1) as f64,
                }
            })
            .collect();
        Trend {
            term: term.to_owned(),
            points,
        }
    }

    /// The cosine similarity of every pair of documents over their term-count vectors.
    ///
    /// One document's vector is spread over a dense array the size of the vocabulary and
    /// every later document's sparse vector is dotted with it: `N²/2` sparse dot products,
    /// no hashing.
    pub fn similarity(&self) -> Similarity {
        let n = self.docs.len();
        let norms: Vec<f64> = self
            .vectors
            .iter()
            .map(|v| {
                v.iter()
                    .map(|&(_, c)| f64::from(c).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        let mut matrix = vec![vec![0.0; n]; n];
        let mut dense = vec![0u32; self.vocab.len()];
        for i in 0..n {
            if norms[i] == 0.0 {
                continue;
            }
            matrix[i][i] = 1.0;
            for &(id, c) in &self.vectors[i] {
                dense[id as usize] = c;
            }
            for j in i + 1..n {
                if norms[j] == 0.0 {
                    continue;
                }
                let dot: f64 = self.vectors[j]
                    .iter()
                    .map(|&(id, c)| f64::from(dense[id as usize]) * f64::from(c))
                    .sum();
                let cosine = (dot / (norms[i] * norms[j])).min(1.0);
                matrix[i][j] = cosine;
                matrix[j][i] = cosine;
            }
            for &(id, _) in &self.vectors[i] {
                dense[id as usize] = 0;
            }
        }
        Similarity {
            documents: self.docs.iter().map(|d| d.name.clone()).collect(),
            matrix,
        }
    }

    /// Every table at once, with `sizes` rows.
    pub fn tables(&self, sizes: TableSizes) -> CorpusTables {
        let mut terms = self.terms();
        let trends = terms
            .iter()
            .take(sizes.trends)
            .map(|t| self.trend(&t.term))
            .collect();
        if sizes.terms > 0 {
            terms.truncate(sizes.terms);
        }
        CorpusTables {
            documents: self.documents(sizes.document_top),
            terms,
            distinctive: self.distinctive(sizes.distinctive),
            trends,
            similarity: (self.len() <= MAX_SIMILARITY_DOCUMENTS).then(|| self.similarity()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three small documents whose numbers are worked out by hand below.
    ///   a: 猫 3, 狗 1          (4 tokens)
    ///   b: 猫 1, 鱼 2, 鸟 1    (4 tokens)
    ///   c: 鱼 2                (2 tokens)
    fn corpus() -> Corpus {
        let mut corpus = Corpus::default();
        corpus.add(DocumentSummary::from_counts(
            "a",
            12,
            [("猫", 3), ("狗", 1)],
        ));
        corpus.add(DocumentSummary::from_counts(
            "b",
            12,
            [("猫", 1), ("鱼", 2), ("鸟", 1)],
        ));
        corpus.add(DocumentSummary::from_counts("c", 6, [("鱼", 2)]));
        corpus
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn corpus_terms_count_documents_and_rate() {
        let terms = corpus().terms();
        let rows: Vec<(&str, usize, usize)> = terms
            .iter()
            .map(|t| (t.term.as_str(), t.count, t.documents))
            .collect();
        // 猫 3+1, 鱼 2+2 tie at 4 and sort by term (猫 U+732B before 鱼 U+9C7C).
        assert_eq!(
            rows,
            [("猫", 4, 2), ("鱼", 4, 2), ("狗", 1, 1), ("鸟", 1, 1)]
        );
        // 10 tokens in all: 4 of them is 4,000 per 10k.
        assert!(close(terms[0].per10k, 4000.0));
        assert!(close(terms[2].per10k, 1000.0));
    }

    #[test]
    fn documents_table() {
        let docs = corpus().documents(2);
        assert_eq!(docs[1].name, "b");
        assert_eq!(docs[1].tokens, 4);
        assert_eq!(docs[1].distinct_terms, 3);
        assert_eq!(docs[1].top_terms, ["鱼", "猫"]);
        assert_eq!(docs[2].top_terms, ["鱼"]);
    }

    #[test]
    fn distinctive_terms_by_tf_idf() {
        let d = corpus().distinctive(10);
        // a: 狗 1/4 × ln(3/1) = 0.274653; 猫 3/4 × ln(3/2) = 0.304099.
        let a: Vec<(&str, f64)> = d[0]
            .terms
            .iter()
            .map(|t| (t.term.as_str(), t.score))
            .collect();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].0, "猫");
        assert!(close(a[0].1, 0.75 * 1.5f64.ln()), "{a:?}");
        assert!(close(a[1].1, 0.25 * 3f64.ln()), "{a:?}");
        // c: 鱼 2/2 × ln(3/2) = 0.405465.
        assert!(close(d[2].terms[0].score, 1.5f64.ln()));
        // A term in every document scores 0 and is left out.
        let mut all = Corpus::default();
        all.add(DocumentSummary::from_counts("x", 1, [("同", 1), ("甲", 1)]));
        all.add(DocumentSummary::from_counts("y", 1, [("同", 2)]));
        let d = all.distinctive(10);
        assert_eq!(d[0].terms.len(), 1);
        assert!(d[1].terms.is_empty());
    }

    #[test]
    fn trend_across_documents() {
        let t = corpus().trend("鱼");
        let points: Vec<(&str, usize)> = t
            .points
            .iter()
            .map(|p| (p.document.as_str(), p.count))
            .collect();
        assert_eq!(points, [("a", 0), ("b", 2), ("c", 2)]);
        assert!(close(t.points[1].per10k, 5000.0));
        assert!(close(t.points[2].per10k, 10000.0));
        assert!(corpus().trend("无").points.iter().all(|p| p.count == 0));
    }

    #[test]
    fn cosine_similarity() {
        let s = corpus().similarity();
        // a = (猫 3, 狗 1), b = (猫 1, 鱼 2, 鸟 1): dot 3, |a| = √10, |b| = √6.
        assert!(close(s.matrix[0][1], 3.0 / (10f64.sqrt() * 6f64.sqrt())));
        assert!(close(s.matrix[1][0], s.matrix[0][1]));
        // b·c = 2×2 = 4, |c| = 2: 4 / (√6 × 2).
        assert!(close(s.matrix[1][2], 4.0 / (6f64.sqrt() * 2.0)));
        // a and c share nothing.
        assert!(close(s.matrix[0][2], 0.0));
        assert!((0..3).all(|i| close(s.matrix[i][i], 1.0)));
    }

    #[test]
    fn empty_documents_and_repeated_terms() {
        let mut corpus = Corpus::default();
        corpus.add(DocumentSummary::from_counts("empty", 0, []));
        corpus.add(DocumentSummary::from_counts(
            "twice",
            2,
            [("词", 1), ("词", 2)],
        ));
        let s = corpus.similarity();
        assert_eq!(s.matrix, [[0.0, 0.0], [0.0, 1.0]]);
        assert_eq!(corpus.terms()[0].count, 3);
        assert_eq!(corpus.documents(5)[1].tokens, 3);
        assert!(corpus.distinctive(5)[0].terms.is_empty());
    }

    #[test]
    fn tables_respect_sizes() {
        let tables = corpus().tables(TableSizes {
            document_top: 1,
            terms: 2,
            distinctive: 1,
            trends: 3,
        });
        assert_eq!(tables.terms.len(), 2);
        assert_eq!(tables.trends.len(), 3);
        assert_eq!(tables.trends[2].term, "狗");
        assert!(tables.documents.iter().all(|d| d.top_terms.len() == 1));
        assert!(tables.distinctive.iter().all(|d| d.terms.len() == 1));
        assert_eq!(tables.similarity.map(|s| s.matrix.len()), Some(3));
    }

    #[test]
    fn no_similarity_matrix_for_too_many_documents() {
        let mut corpus = Corpus::default();
        for i in 0..=MAX_SIMILARITY_DOCUMENTS {
            corpus.add(DocumentSummary::from_counts(&i.to_string(), 1, [("词", 1)]));
        }
        let tables = corpus.tables(TableSizes::default());
        assert_eq!(tables.similarity, None);
        assert_eq!(tables.documents.len(), MAX_SIMILARITY_DOCUMENTS + 1);
    }
}
