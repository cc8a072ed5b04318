//! Circles among documents that replace or amend each other: a policy's
//! `repealed_by` and `amended_by`, and the `amended_by` of each of its
//! earlier texts (`versions/*.md`), each lead from a document to a newer
//! one, so a chain of them that comes back to where it started is a
//! mistake. One walk of that graph finds circles of any length (A amended
//! by B and B by A, or A by B, B by C and C by A); each is reported once,
//! at the first file of the circle, naming every file on the way. A
//! document that names itself is reported where the reference is read.

use std::path::Path;

use crate::base::diagnostics::Diagnostic;
use crate::model::content::{Content, Reference, diagnostic_at};
use crate::model::links::{LinkMap, Target};

/// A reference from one document to a newer one, where it is written.
struct Edge<'a> {
    to: usize,
    file: &'a Path,
    disk: &'a Path,
    reference: &'a Reference,
    /// Written in the policy's own front matter (`repealed_by`,
    /// `amended_by`), not in one of its earlier texts.
    successor: bool,
}

/// Every circle of successors and amendments among the site's pages.
pub fn circles(content: &Content, links: &LinkMap) -> Vec<Diagnostic> {
    let edges: Vec<Vec<Edge<'_>>> = content
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut out: Vec<Edge<'_>> = vec![];
            let Some(meta) = &page.policy_meta else {
                return out;
            };
            let own = [&meta.repealed_by, &meta.amended_by]
                .into_iter()
                .flatten()
                .map(|r| (r, page.file.as_path(), page.disk.as_path(), true));
            let versions = meta.versions.iter().filter_map(|v| {
                let r = v.amended_by.as_ref()?;
                Some((r, v.file.as_path(), v.disk.as_path(), false))
            });
            for (reference, file, disk, successor) in own.chain(versions) {
                if !reference.target.starts_with("@/") {
                    continue;
                }
                let Ok((Target::Page(to), _, _)) = links.resolve(&reference.target) else {
                    continue;
                };
                if to != i && out.iter().all(|e| e.to != to) {
                    out.push(Edge {
                        to,
                        file,
                        disk,
                        reference,
                        successor,
                    });
                }
            }
            out
        })
        .collect();
    let targets: Vec<Vec<usize>> = edges
        .iter()
        .map(|list| list.iter().map(|e| e.to).collect())
        .collect();
    walk(&targets)
        .into_iter()
        .map(|circle| report(&edges, &circle))
        .collect()
}

/// The circles of a graph given as each node's successors: each as the
/// nodes on it in order, with the index of the edge that leaves each one.
/// One depth-first walk, without recursion (a chain of thousands of pages
/// does not overflow the stack); a circle is found at the edge that
/// closes it, so every strongly connected group of nodes with a circle
/// gives at least one, and no circle is given twice. Circles of one node
/// are left out.
pub fn walk(next: &[Vec<usize>]) -> Vec<Vec<(usize, usize)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; next.len()];
    let mut out = vec![];
    for start in 0..next.len() {
        if state[start] != State::New {
            continue;
        }
        state[start] = State::OnPath;
        // Each node of the path and the index of the next edge to follow.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(top) = path.last_mut() {
            let node = top.0;
            let Some(&to) = next[node].get(top.1) else {
                state[node] = State::Done;
                path.pop();
                continue;
            };
            top.1 += 1;
            match state[to] {
                State::New => {
                    state[to] = State::OnPath;
                    path.push((to, 0));
                }
                State::OnPath if to != node => {
                    let from = path
                        .iter()
                        .position(|&(p, _)| p == to)
                        .expect("a node on the path is in it");
                    out.push(path[from..].iter().map(|&(p, e)| (p, e - 1)).collect());
                }
                _ => {}
            }
        }
    }
    out
}

fn report(edges: &[Vec<Edge<'_>>], circle: &[(usize, usize)]) -> Diagnostic {
    let edge = |k: usize| {
        let (node, e) = circle[k % circle.len()];
        &edges[node][e]
    };
    // Start at the first file, so that the report does not depend on which
    // document the walk met first.
    let first = (0..circle.len())
        .min_by_key(|&k| edge(k).file)
        .expect("a circle has documents");
    let names: Vec<String> = (first..=first + circle.len())
        .map(|k| format!("`{}`", edge(k).file.display()))
        .collect();
    let head = edge(first);
    let successors = (0..circle.len()).all(|k| edge(k).successor);
    let (message, help) = match (successors, circle.len()) {
        (true, 2) => (
            msg!(
                "successors-each-other",
                first = &names[0],
                second = &names[1]
            ),
            msg!("successors-circle-help"),
        ),
        (true, _) => (
            msg!("successors-circle", policies = names.join(" → ")),
            msg!("successors-circle-help"),
        ),
        (false, 2) => (
            msg!(
                "version-amendment-circle",
                policy = &names[0],
                other = &names[1]
            ),
            msg!("amendments-circle-help"),
        ),
        (false, _) => (
            msg!("amendments-circle", documents = names.join(" → ")),
            msg!("amendments-circle-help"),
        ),
    };
    diagnostic_at(
        head.file,
        Some(head.disk),
        head.reference.offset,
        head.reference.len,
        message,
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::walk;

    #[test]
    fn circles_of_any_length_once_each() {
        // 0 → 1 → 0; 2 → 3 → 4 → 2; 5 → 5 (left out); 6 → 2 (into a circle).
        let next = vec![
            vec![1],
            vec![0],
            vec![3],
            vec![4],
            vec![2],
            vec![5],
            vec![2],
        ];
        let nodes: Vec<Vec<usize>> = walk(&next)
            .into_iter()
            .map(|c| c.into_iter().map(|(n, _)| n).collect())
            .collect();
        assert_eq!(nodes, vec![vec![0, 1], vec![2, 3, 4]]);
    }

    #[test]
    fn the_edge_that_leaves_each_node_is_named() {
        // 0 has two edges; the second closes the circle 0 → 2 → 0.
        let next = vec![vec![1, 2], vec![], vec![0]];
        assert_eq!(walk(&next), vec![vec![(0, 1), (2, 0)]]);
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 200_000;
        let mut next: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        next[n - 1] = vec![0];
        assert_eq!(walk(&next)[0].len(), n);
    }
}
