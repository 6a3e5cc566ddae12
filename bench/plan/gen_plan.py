#!/usr/bin/env python3
"""Adds a plan to a gen_admin folder: rules/plan.arshjul (11 goals, 20 activities and 10
measures, all per unit), values.csv (T1 values for 90% of the units' measures) and
statuses.csv (a status for half of the units' activities). Deterministic (seed 3)."""
import csv
import random
import sys

folder = sys.argv[1]
random.seed(3)
lines = ['process plan "Verksamhetsplan (genererad)"', '  cykel kalenderår', '',
         'roll Rektor per enhet alias Enhetschef, Förskolechef rapporterar till Förvaltningschef',
         'roll Förvaltningschef rapporterar till Nämnd', 'roll Nämnd alias BUN', '',
         'perspektiv verksamhet "Verksamhet"', '',
         'mål top "Maximalt lärande"', '  NIVÅ nämndmål', '  PERSPEKTIV verksamhet', '']
for g in range(10):
    lines += [f'mål g{g} "Förvaltningsmål {g}"', '  NIVÅ förvaltningsmål', '  UNDER top', '']
for a in range(20):
    lines += [f'aktivitet a{a}', f'  VAD Aktivitet {a}', f'  MÅL g{a % 10}', '  VEM Rektor', f'  KLART Q{1 + a % 4}', '']
for m in range(10):
    lines += [f'mätetal m{m} "Mätetal {m}"', f'  MÅL g{m}', '  VEM Rektor', '  ENHET procent',
              f'  RIKTNING {"högre" if m % 2 == 0 else "lägre"}', '  MÅLVÄRDE 50', '  UPPFÖLJNING T1, T2, T3', '']
with open(f'{folder}/rules/plan.arshjul', 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines))
with open(f'{folder}/roster.csv', encoding='utf-8') as f:
    units = sorted({row['enhet'] for row in csv.DictReader(f) if row['enhet']})


def write_csv(name, header, rows):
    """One import file: the header, then a row for each item the generator keeps."""
    with open(f'{folder}/{name}', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


write_csv('values.csv', ['process', 'år', 'mätetal', 'enhet', 'period', 'värde', 'av', 'anteckning'],
          (['plan', 2026, f'm{m}', u, 'T1', random.randint(30, 70), 'Rektor', '']
           for u in units for m in range(10) if random.random() < 0.9))
write_csv('statuses.csv', ['process', 'år', 'aktivitet', 'enhet', 'datum', 'status', 'kommentar', 'av'],
          (['plan', 2026, f'a{a}', u, '2026-03-01',
            random.choice(['pågående', 'genomfört', 'kvarstår']), '', 'Rektor']
           for u in units for a in range(20) if random.random() < 0.5))
