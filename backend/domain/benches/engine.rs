//! The classification engine on a 10,000-member base organisation: 400 branches of 25 members
//! with varied votes, gates and flags, classified branch by branch as the finalisation does.
//! Throughput is members per second (target: at least one million).

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kiemdiem_domain::classification::{
    BranchInput, Category, MemberInput, ProfessionalRating, Votes, classify,
};
use kiemdiem_domain::rule_set;
use std::hint::black_box;

fn base(branches: usize, size: usize) -> Vec<Vec<MemberInput>> {
    let admitted = NaiveDate::from_ymd_opt(2005, 3, 2).unwrap_or_default();
    let mut seed: u32 = 12_345;
    let mut next = move |n: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % n.max(1)
    };
    (0..branches)
        .map(|b| {
            (0..size)
                .map(|i| {
                    let present = size as u32 - 2;
                    let e = next(present / 2 + 1);
                    let g = next(present - e + 1);
                    let c = next(present - e - g + 1);
                    MemberInput {
                        id: format!("b{b}m{i}"),
                        official: next(20) != 0,
                        admitted_on: admitted,
                        category: if next(3) == 0 {
                            Category::Resident
                        } else {
                            Category::CivilServant
                        },
                        exempt: next(30) == 0,
                        attached: false,
                        present: next(25) != 0,
                        self_review_submitted: next(40) != 0,
                        long_absence: false,
                        discipline_in_force: next(100) == 0,
                        faults: next(50) == 0,
                        professional_rating: Some(match next(4) {
                            0 => ProfessionalRating::Excellent,
                            1 | 2 => ProfessionalRating::Good,
                            _ => ProfessionalRating::Completed,
                        }),
                        honours: vec![],
                        attested_exemplary: next(2) == 0,
                        leadership: None,
                        votes: Votes {
                            excellent: e,
                            good: g,
                            completed: c,
                            not_completed: present - e - g - c,
                        },
                    }
                })
                .collect()
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    let rules = rule_set::builtin(rule_set::DEFAULT).unwrap_or_else(|| std::process::abort());
    let day = NaiveDate::from_ymd_opt(2016, 11, 15).unwrap_or_default();
    let branches = base(400, 25);
    let members: usize = branches.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("classification");
    group.throughput(Throughput::Elements(members as u64));
    group.bench_function("base of 10,000 members", |b| {
        b.iter(|| {
            for branch in &branches {
                let out = classify(&rules, day, BranchInput::default(), black_box(branch));
                black_box(out.is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
