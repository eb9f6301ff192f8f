# Typographic dashes and the report's own curly apostrophe are meant: they are text people read.
# ruff: noqa: RUF001, RUF002
"""Demo data: the November 2021 training of ../shared/seed/training-report-2021-11.txt and what followed it.

`demo_load()` creates what is missing and leaves what is there alone, so running it again changes nothing —
and a demo someone has been clicking through (a plan renamed, an action ticked off) keeps its changes when
`make run` seeds again. Rows are found by natural keys (organization name, username, topic question,
session title and date, ...); a plan's objectives, actions and indicators are written only when the plan
itself is new, because a partner may reorder or rename them.

The organizations, people, phone numbers and addresses are invented (e-mail addresses are on example.org);
the session, the eight questions, the story and the findings follow the report. Dates are fixed, not
relative to today, so the demo tells the same story on every machine: seen from late 2026, one plan is
being carried out (two of its actions are overdue), one was completed in 2023, and the others are being
prepared for 2027–2028, started at a follow-up workshop in September 2026 (a further training is planned
for 2027). Those two sessions are not in the report; they give the dashboard's current year something to show.

Content is in the language the people who typed it would write: the November 2021 session's records in English,
as in the report (it was held with an international expert); the four state bodies and three civil-society
organizations — among them those of the demo users `partner` and `partner2` — have Russian names and write
their plans, updates and the coordinator's review comments in Russian; the coordinator in Bishkek entered the
2026 workshop and the 2027 training in Russian. The interface around it is translated separately (locale/).
"""

import calendar
import datetime
from collections import Counter

from django.contrib.auth.models import Group
from django.utils import timezone

from actionplans import events
from actionplans.models import (
    Action,
    ActionPlan,
    ContentArea,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    ProgressUpdate,
    ReportValue,
    ReviewComment,
)
from actionplans.reminders import reminders_run
from actionplans.reporting import schedule_apply
from core.figures import share_of_women
from core.roles import COORDINATORS_GROUP
from demo.assessment_data import assessments_load
from organizations.models import HeadcountSnapshot, Level, Membership, Organization, OrganizationKind, Region, User
from sessions_log.models import (
    Attendance,
    Barrier,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
)

D = datetime.date

# --- The session ----------------------------------------------------------------------------------------------

CAG = {
    "name": "CentralAsianGrupperna",
    "short_name": "CAG",
    "kind": OrganizationKind.INTERNATIONAL,
    "region": Region.ABROAD,
    "contact_person": "Maria Petersson",
    "notes": (
        "International partner NGO of the programme. Its expert Maria Petersson facilitated the online session "
        "on gender mainstreaming in organizations on 16 November 2021. Not one of the attending partners."
    ),
}

SESSION = {
    "title": "Gender mainstreaming in organizations",
    "start_date": D(2021, 11, 16),
    "end_date": D(2021, 11, 16),
    "format": TrainingSession.Format.ONLINE,
    "venue": "Zoom",
    "language": "English, with interpretation into Russian",
    "status": TrainingSession.Status.HELD,
    "summary": (
        "Moving online during COVID-19 made it possible to invite international experts. In this session for our "
        "staff and local partners, Maria Petersson of our partner organization CentralAsianGrupperna (CAG) led a "
        "discussion of gender mainstreaming in organizations. Twelve partner organizations took part: state "
        "bodies, local and national civil-society organizations and research institutes.\n\n"
        "Eight questions were discussed, from what gender means to each of us to how decisions are made and "
        "management is structured in our own organizations. Participants' real-life stories sharpened the "
        "discussion, above all a participant's story (kept, under a changed name, with the session's stories)."
        "\n\n"
        "All participants agreed that women face barriers: legal and socio-cultural norms, poor access to "
        "infrastructure and employment, and less participation in decision-making. Although the role of gender "
        "in the occupation sector is changing, women are still employed in administrative posts and not "
        "sufficiently involved in decision-making.\n\n"
        "Outcome: each participating organization agreed to develop a gender action plan to create better "
        "conditions for women."
    ),
}

FACILITATOR = {"name": "Maria Petersson", "affiliation": "CentralAsianGrupperna (CAG)"}

# The eight questions verbatim from the report (its spelling kept), with a theme and the key points raised.
TOPICS = [
    (
        "What is gender to you?",
        "Understanding gender",
        "Several participants first heard 'gender' as 'women's issues'. The group separated sex from gender: the "
        "roles and expectations a society attaches to women and men.",
    ),
    (
        "What is gender inequality? Does it exist? Is it good or bad?",
        "Understanding gender",
        "Everyone agreed that inequality exists — in families, at work and in public life — and that it holds back "
        "organizations and communities, not only women.",
    ),
    (
        "Why should we care about gender?",
        "Why gender matters",
        "An organization that ignores gender uses half of its people's potential; services planned without women's "
        "views do not reach them.",
    ),
    (
        "Can the way we understand gender be changed?",
        "Understanding gender",
        "Yes: participants named roles that changed within one generation, and the resistance that change meets in "
        "families and communities.",
    ),
    (
        "What characterizes men and women? How are these characteristics associated with power?",
        "Gender and power",
        # Stories stay in the story section: key points and summaries are exported, so they only refer to one.
        "Qualities seen as male are tied to authority; a participant's story was told here.",
    ),
    (
        "What are other important factors affecting gender? (Age, ethnicity, class)",
        "Gender and power",
        "Age, ethnicity, class and rural or urban life shape how gender is lived; young women in villages have "
        "the least say.",
    ),
    (
        "How many women and how many men participate in the organisation and organisation’s projects? Are there "
        "different reasons why men and women participate and do not participate?",
        "Gender in the organization",
        "Most organizations have more women than men among staff and project participants, but few had counted "
        "them by level. Care duties, travel and pay explain different reasons to take part.",
    ),
    (
        "How are decisions made and how are the management structured? Are these aspects of organisational "
        "culture connected to gender?",
        "Gender in the organization",
        "Decisions are taken by heads and governing bodies where men are the majority; women work in "
        "administration but are rarely involved in decisions. This led to the agreement on gender action plans.",
    ),
]

STORY = {
    "pseudonym": "Aigul",
    "role_context": "Local deputy in one of the municipalities; earlier worked in the militia",
    "text": (
        "Aigul (name changed) is a local deputy in one of the municipalities. While she worked in the militia she "
        "was discriminated against as a woman: she was not trusted to carry a gun. Later, when she stood for "
        "election as a local deputy, she and her family were pressured not to take part in the elections simply "
        "because she was a woman, whose place — in the opinion of some of the other candidates — was to look "
        "after her household. Her story nurtured the group's discussion of how gender is tied to power."
    ),
    # Not "legal norms": what she met was prejudice at work and at the election, not a law that kept her out.
    "barriers": [Barrier.SOCIO_CULTURAL, Barrier.EMPLOYMENT, Barrier.DECISION_MAKING, Barrier.CARE],
    "consent_obtained": True,
}

FINDINGS = [
    (Barrier.LEGAL, "Legal norms are a barrier women face."),
    (
        Barrier.SOCIO_CULTURAL,
        "Socio-cultural norms hold women back, such as the expectation that a woman's place "
        "is to look after her household.",
    ),
    (Barrier.INFRASTRUCTURE, "Women have poor access to infrastructure."),
    (Barrier.EMPLOYMENT, "Women have fewer employment opportunities than men."),
    (Barrier.DECISION_MAKING, "Women participate less in decision-making."),
    (
        Barrier.DECISION_MAKING,
        "Despite the changing role of gender in the occupation sector, women are still employed "
        "in the administrative parts of organizations but are not sufficiently involved in decision-making.",
    ),
]

# --- The twelve partner organizations ---------------------------------------------------------------------------
# key: a short handle used below. attendance: (women, men, not stated) at the session.
# headcounts: {date: {level: (women, men)}}. Two dates where a change is to be seen.
# objectives: keys of OBJECTIVES for the plan; head: who heads the organization, for "responsible".
# language: "ru" for the partners that write in Russian (their names, addresses and plans are in Russian), else
# English. former_name: the English name of earlier versions of this demo, so that seeding a database made by
# one of them finds the organization instead of adding a second one.

BASELINE = D(2021, 11, 30)
RECOUNT = D(2025, 12, 31)
GSI_RECOUNT = D(2023, 12, 31)
MID_PLAN = D(2026, 6, 30)

G, M, P, A, T = Level.GOVERNING, Level.MANAGEMENT, Level.PROFESSIONAL, Level.ADMINISTRATIVE, Level.PARTICIPANTS

PARTNERS = [
    {
        "key": "karasuu",
        "name": "Кара-Суйская районная государственная администрация",
        "former_name": "Kara-Suu District State Administration",
        "language": "ru",
        "short_name": "Кара-Суйская РГА",
        "kind": OrganizationKind.STATE_BODY,
        "region": Region.OSH,
        "contact_person": "Мамытов Бакыт",
        "email": "karasuu-dsa@example.org",
        "phone": "+996 3232 5 21 14",
        "address": "ул. Ленина, 112, г. Кара-Суу, Ошская область",
        "attendance": (2, 1, 0),
        "headcounts": {
            BASELINE: {G: (1, 8), M: (3, 14), P: (22, 31), A: (27, 6)},
            RECOUNT: {G: (1, 8), M: (4, 14), P: (24, 29), A: (28, 5)},
        },
        "head": "Аким района",
        "objectives": ["leadership", "capacity", "recruitment"],
    },
    {
        "key": "bazarkorgon",
        "name": "Айыл окмоту Базар-Коргонского айылного аймака",
        "former_name": "Bazar-Korgon Aiyl Okmotu",
        "language": "ru",
        "short_name": "АО Базар-Коргон",
        "kind": OrganizationKind.STATE_BODY,
        "region": Region.JALAL_ABAD,
        "contact_person": "Ташиева Гульнара",
        "email": "bazarkorgon-ao@example.org",
        "phone": "+996 3722 2 14 55",
        "address": "ул. Манаса, 5, с. Базар-Коргон, Джалал-Абадская область",
        "attendance": (2, 1, 0),
        "headcounts": {BASELINE: {G: (3, 14), M: (1, 5), P: (6, 7), A: (9, 2)}},
        "head": "Глава айыл окмоту",
        "objectives": ["leadership", "capacity", "programmes"],
    },
    {
        "key": "naryn",
        "name": "Мэрия города Нарын",
        "former_name": "Naryn City Mayor's Office",
        "language": "ru",
        "short_name": "Мэрия г. Нарын",
        "kind": OrganizationKind.STATE_BODY,
        "region": Region.NARYN,
        "contact_person": "Садыков Алмаз",
        "email": "naryn-mayor@example.org",
        "phone": "+996 3522 5 08 31",
        "address": "ул. Ленина, 40, г. Нарын",
        "attendance": (1, 1, 0),
        "headcounts": {
            BASELINE: {G: (4, 17), M: (1, 10), P: (15, 18), A: (21, 4)},
            RECOUNT: {G: (5, 16), M: (2, 10), P: (17, 17), A: (22, 4)},
            MID_PLAN: {G: (5, 16), M: (3, 9), P: (17, 18), A: (22, 4)},
        },
        "head": "Мэр города",
        "objectives": ["leadership", "capacity", "work_life"],
    },
    {
        "key": "talas",
        "name": "Управление социального развития Таласской области",
        "former_name": "Talas Regional Department of Social Development",
        "language": "ru",
        "short_name": "УСР Таласской области",
        "kind": OrganizationKind.STATE_BODY,
        "region": Region.TALAS,
        "contact_person": "Абдырахманова Чолпон",
        "email": "talas-social@example.org",
        "phone": "+996 3422 5 33 07",
        "address": "ул. Сарыгулова, 17, г. Талас",
        "attendance": (3, 0, 0),
        "headcounts": {BASELINE: {M: (2, 4), P: (14, 6), A: (8, 1)}},
        "head": "Начальник управления",
        "objectives": ["leadership", "capacity", "structures"],
    },
    {
        "key": "umut",
        "name": "Кризисный центр для женщин «Умут»",
        "former_name": "Umut Women's Crisis Centre",
        "language": "ru",
        "short_name": "КЦ «Умут»",
        "kind": OrganizationKind.LOCAL_CSO,
        "region": Region.OSH_CITY,
        "contact_person": "Эргешева Замира",
        "email": "umut-crisis@example.org",
        "phone": "+996 3222 7 45 19",
        "address": "ул. Курманжан Датки, 201, г. Ош",
        "attendance": (3, 0, 0),
        # A women's organization, led by women: the pattern of the other partners hardly applies.
        "headcounts": {BASELINE: {G: (3, 2), M: (2, 1), P: (7, 1), A: (3, 1), T: (212, 9)}},
        "head": "Директор",
        "objectives": ["capacity", "gbv", "programmes"],
    },
    {
        "key": "jashtar",
        "name": "Jashtar Kuchu Youth Initiative",
        "short_name": "Jashtar Kuchu",
        "kind": OrganizationKind.LOCAL_CSO,
        "region": Region.BATKEN,
        "contact_person": "Nurbek Toktosunov",
        "email": "jashtar-kuchu@example.org",
        "phone": "+996 3622 5 61 02",
        "address": "Bazarbaev St 8, Batken",
        "attendance": (1, 2, 0),
        "headcounts": {BASELINE: {G: (1, 4), M: (1, 3), P: (4, 6), A: (4, 0), T: (180, 240)}},
        "head": "Chair of the board",
        "objectives": ["leadership", "capacity", "programmes"],
    },
    {
        "key": "karakol",
        "name": "Karakol Rural Women's Network",
        "short_name": "KRWN",
        "kind": OrganizationKind.LOCAL_CSO,
        "region": Region.ISSYK_KUL,
        "contact_person": "Ainura Asanova",
        "email": "karakol-women@example.org",
        "phone": "+996 3922 5 17 63",
        "address": "Toktogul St 96, Karakol",
        "attendance": (3, 0, 0),
        "headcounts": {BASELINE: {G: (5, 0), M: (3, 0), P: (5, 1), A: (2, 0), T: (460, 35)}},
        "head": "Chair of the network",
        "objectives": ["capacity", "programmes", "work_life"],
    },
    {
        "key": "aruujer",
        "name": "Общественный фонд развития села «Аруу-Жер»",
        "former_name": "Aruu-Jer Rural Development Foundation",
        "language": "ru",
        "short_name": "ОФ «Аруу-Жер»",
        "kind": OrganizationKind.LOCAL_CSO,
        "region": Region.CHUI,
        "contact_person": "Касымова Эльмира",
        "email": "aruu-jer@example.org",
        "phone": "+996 3132 6 02 48",
        "address": "ул. Фрунзе, 23, г. Кант, Чуйская область",
        "attendance": (2, 0, 0),
        "headcounts": {
            BASELINE: {G: (2, 5), M: (1, 3), P: (6, 5), A: (5, 1), T: (340, 410)},
            RECOUNT: {G: (3, 4), M: (1, 3), P: (7, 5), A: (6, 1), T: (395, 430)},
        },
        "head": "Директор",
        "objectives": ["leadership", "capacity", "gbv"],
    },
    {
        "key": "tengukuk",
        "name": "Teng Ukuk National Equal Rights Network",
        "short_name": "Teng Ukuk",
        "kind": OrganizationKind.NATIONAL_CSO,
        "region": Region.NATIONWIDE,
        "contact_person": "Dinara Osmonova",
        "email": "teng-ukuk@example.org",
        "phone": "+996 312 66 14 80",
        "address": "Chui Ave 114, office 12, Bishkek",
        "attendance": (2, 0, 1),
        "headcounts": {BASELINE: {G: (4, 3), M: (1, 3), P: (9, 3), A: (4, 1), T: (520, 310)}},
        "head": "Executive director",
        "objectives": ["leadership", "capacity", "structures"],
    },
    {
        "key": "kelechek",
        "name": "Сеть гражданского образования «Келечек»",
        "former_name": "Kelechek Civic Education Network",
        "language": "ru",
        "short_name": "Келечек",
        "kind": OrganizationKind.NATIONAL_CSO,
        "region": Region.NATIONWIDE,
        "contact_person": "Жумабаев Азамат",
        "email": "kelechek@example.org",
        "phone": "+996 312 90 27 15",
        "address": "ул. Токтогула, 125, г. Бишкек",
        "attendance": (2, 1, 0),
        "headcounts": {BASELINE: {G: (2, 7), M: (1, 4), P: (11, 9), A: (7, 1), T: (650, 590)}},
        "head": "Исполнительный директор",
        "objectives": ["leadership", "capacity", "recruitment"],
    },
    {
        "key": "gsi",
        "name": "Gender Studies Institute, Osh Regional University",
        "short_name": "GSI",
        "kind": OrganizationKind.RESEARCH,
        "region": Region.OSH_CITY,
        "contact_person": "Mahabat Sultanova",
        "email": "gender-institute@example.org",
        "phone": "+996 3222 5 70 44",
        "address": "Lenin St 331, Osh",
        "attendance": (3, 0, 0),
        "headcounts": {
            BASELINE: {G: (3, 6), M: (1, 2), P: (8, 4), A: (5, 0), T: (86, 34)},
            GSI_RECOUNT: {G: (4, 5), M: (2, 1), P: (9, 4), A: (4, 1), T: (112, 41)},
        },
        "head": "Director of the institute",
        "objectives": ["leadership", "capacity", "programmes"],
    },
    {
        "key": "ilgr",
        "name": "Institute for Local Governance Research",
        "short_name": "ILGR",
        "kind": OrganizationKind.RESEARCH,
        "region": Region.BISHKEK,
        "contact_person": "Erlan Usenov",
        "email": "ilgr@example.org",
        "phone": "+996 312 31 48 26",
        "address": "Abdrakhmanov St 170, Bishkek",
        "attendance": (1, 1, 0),
        "headcounts": {BASELINE: {G: (1, 6), M: (1, 4), P: (7, 9), A: (6, 1)}},
        "head": "Director",
        "objectives": ["leadership", "capacity", "structures"],
    },
]

# The session of the report, as one spec: the attendance of the twelve partners comes from PARTNERS.
REPORTED_SESSION = {
    **SESSION,
    "facilitators": [(FACILITATOR["name"], FACILITATOR["affiliation"])],
    "attendance": {spec["key"]: spec["attendance"] for spec in PARTNERS},
    "topics": TOPICS,
    "story": STORY,
    "findings": FINDINGS,
}

# --- What followed: a workshop in 2026 where the drafts for 2027-2028 were started, and a planned training ----------
# Entered by the coordinator in Bishkek, in Russian as she would write them. The topic questions are the
# programme's English library (the first is the report's), so they stay English; what was said under them is
# in Russian. `former_title`: the English title of earlier versions of this demo, so a database seeded by one of
# those gets no second copy of the session.

FOLLOW_UPS = [
    {
        "title": "От обязательств к гендерным планам действий",
        "former_title": "From commitments to gender action plans",
        "start_date": D(2026, 9, 24),
        "end_date": D(2026, 9, 25),
        "format": TrainingSession.Format.IN_PERSON,
        "venue": "г. Бишкек, учебный зал сети «Тең Укук»",
        "language": "русский и кыргызский",
        "status": TrainingSession.Status.HELD,
        "summary": (
            "Двухдневный семинар для организаций-партнёров тренинга ноября 2021 г., у которых нет действующего "
            "плана. Каждая организация проанализировала собственные данные о численности женщин и мужчин по "
            "уровням, выбрала цели из семи тематических направлений и подготовила проект мероприятий (кто и в "
            "какой срок) и индикаторов (исходное и целевое значения) на 2027–2028 гг. Проекты планов вносятся в "
            "эту систему и направляются на рассмотрение до конца 2026 г."
        ),
        "host": "tengukuk",
        "facilitators": [
            ("Nazgul Toktogulova", "Координатор программы"),
            ("Dinara Osmonova", "Teng Ukuk National Equal Rights Network"),
        ],
        "attendance": {
            "karasuu": (1, 1, 0),
            "bazarkorgon": (2, 0, 0),
            "talas": (2, 0, 0),
            "jashtar": (1, 1, 0),
            "aruujer": (2, 0, 0),
            "tengukuk": (2, 0, 0),
            "kelechek": (1, 1, 0),
            "ilgr": (1, 0, 0),
        },
        "topics": [
            (
                TOPICS[6][0],
                TOPICS[6][1],
                "У большинства партнёров женщин в коллективе больше, чем мужчин, меньше всего — на уровне "
                "руководства; несколько организаций не вели учёт по уровням с 2021 г.",
            ),
            (
                "Which changes do we want to see in our organization in two years?",
                "Planning for change",
                "Большинство выбрали цель «больше женщин в руководстве и принятии решений»; государственные органы "
                "добавили равные условия найма и оплаты труда, организации гражданского общества — защиту от "
                "домогательств.",
            ),
            (
                "How will we know that our plan works? Which data do we need?",
                "Planning for change",
                "Доля женщин по уровням из ежегодного учёта численности, число охваченных людей и «да/нет» для "
                "принятого документа. Исходные значения берутся из последних данных о численности сотрудников.",
            ),
        ],
        "findings": [
            (
                Barrier.CARE,
                "Сотрудницы назвали уход за детьми и близкими главной причиной, по которой они не претендуют на "
                "руководящие должности.",
            ),
            (
                Barrier.OTHER,
                "Немногие партнёры ежегодно учитывают сотрудников по полу и уровню; без этих данных прогресс "
                "показать нельзя.",
            ),
        ],
    },
    {
        "title": "Гендерно-ориентированное бюджетирование в органах местного самоуправления",
        "former_title": "Gender-responsive budgeting in local government",
        "start_date": D(2027, 3, 16),
        "end_date": D(2027, 3, 17),
        "format": TrainingSession.Format.HYBRID,
        "venue": "г. Ош, Институт гендерных исследований, и онлайн (Zoom)",
        "language": "русский",
        "status": TrainingSession.Status.PLANNED,
        "summary": (
            "Для государственных органов среди организаций-партнёров: как местный бюджет по-разному доходит до "
            "женщин и мужчин и как планировать и отслеживать расходы с учётом этого."
        ),
        "host": "gsi",
        "facilitators": [("Mahabat Sultanova", "Gender Studies Institute, Osh Regional University")],
        "attendance": {},
        "topics": [
            (
                "Whose needs does our local budget meet: women's, men's, or both?",
                "Gender-responsive budgeting",
                "",
            )
        ],
        "findings": [],
    },
]

# Each organization writes its headcount sources and its plan in its own `language` ("en" unless the partner
# says "ru"): the state bodies and several civil-society organizations write their documents in Russian, as in
# Kyrgyzstan they would; the 2021 session's own records stay in English, as in the report.
HEADCOUNT_SOURCES = {
    "en": {
        BASELINE: "Self-assessment after the November 2021 training",
        GSI_RECOUNT: "Staff records at the end of the 2022–2023 plan",
        RECOUNT: "Staff records, 31 December 2025",
        MID_PLAN: "Staff records, 30 June 2026 (mid-plan count)",
    },
    "ru": {
        BASELINE: "Самооценка после тренинга в ноябре 2021 г.",
        RECOUNT: "Кадровый учёт на 31 декабря 2025 г.",
        MID_PLAN: "Кадровый учёт на 30 июня 2026 г. (промежуточный подсчёт)",
    },
}

# --- Plans ----------------------------------------------------------------------------------------------------
# Each objective: content area, indicator kind, and the months of its actions (first, last month of the plan's
# period); then the words a partner would type, in English ("en") and in Russian ("ru"): title, description,
# the commitment it makes in the statement of intent, actions (title, responsible) in the order of `months`,
# and the indicator (name, data source). "{head}" is replaced by the organization's head.

FOCAL_POINT = {"en": "Gender focal point", "ru": "Контактное лицо по гендерным вопросам"}
HR = {"en": "Human resources officer", "ru": "Специалист по кадрам"}

OBJECTIVES = {
    "leadership": {
        "content_area": ContentArea.LEADERSHIP,
        "kind": Indicator.Kind.SHARE_OF_WOMEN,
        "months": [(1, 3), (4, 24), (7, 18)],
        "en": {
            "title": "More women in management and decision-making",
            "description": "Women work in our administration but are rarely part of the decisions (finding of the "
            "November 2021 training).",
            "commitment": "bring more women into management and decision-making",
            "actions": [
                ("Review how management posts are filled and publish the criteria", "{head}"),
                ("Put at least one woman on every shortlist for a management post", HR["en"]),
                (
                    "Mentoring for women in administrative and professional posts who aim for management",
                    FOCAL_POINT["en"],
                ),
            ],
            "indicator": (
                "Share of women at the management level",
                "Headcount snapshot (management and decision-making)",
            ),
        },
        "ru": {
            "title": "Больше женщин в руководстве и принятии решений",
            "description": "Женщины работают в нашем аппарате, но редко участвуют в принятии решений (вывод тренинга "
            "в ноябре 2021 г.).",
            "commitment": "увеличить долю женщин в руководстве и принятии решений",
            "actions": [
                ("Проанализировать порядок назначения на руководящие должности и опубликовать критерии", "{head}"),
                ("Включать не менее одной женщины в каждый список кандидатов на руководящую должность", HR["ru"]),
                (
                    "Наставничество для женщин на административных и специалистских должностях, готовых к "
                    "руководящей работе",
                    FOCAL_POINT["ru"],
                ),
            ],
            "indicator": (
                "Доля женщин на уровне руководства",
                "Численность сотрудников на дату (руководство и принятие решений)",
            ),
        },
    },
    "capacity": {
        "content_area": ContentArea.CAPACITY,
        "kind": Indicator.Kind.COUNT,
        "months": [(1, 2), (4, 12)],
        "en": {
            "title": "Staff understand gender and apply it in their work",
            "description": "Carry the November 2021 session's questions to the whole staff.",
            "commitment": "train all staff on gender mainstreaming",
            "actions": [
                ("Appoint a gender focal point and give the role time in the job description", "{head}"),
                ("Two in-house trainings on gender mainstreaming for all staff", FOCAL_POINT["en"]),
            ],
            "indicator": ("Staff members trained on gender mainstreaming", "Training attendance lists"),
        },
        "ru": {
            "title": "Сотрудники и сотрудницы понимают гендерную проблематику и применяют это в работе",
            "description": "Обсудить вопросы тренинга ноября 2021 г. со всем коллективом.",
            "commitment": "обучить весь коллектив основам гендерного мейнстриминга",
            "actions": [
                (
                    "Назначить контактное лицо по гендерным вопросам и предусмотреть время на эту работу в "
                    "должностной инструкции",
                    "{head}",
                ),
                (
                    "Провести два внутренних тренинга по гендерному мейнстримингу для всего коллектива",
                    FOCAL_POINT["ru"],
                ),
            ],
            "indicator": ("Число сотрудников, обученных гендерному мейнстримингу", "Списки участников тренингов"),
        },
    },
    "recruitment": {
        "content_area": ContentArea.RECRUITMENT,
        "kind": Indicator.Kind.YES_NO,
        "months": [(1, 6), (6, 9)],
        "en": {
            "title": "Fair recruitment, pay and promotion",
            "description": "",
            "commitment": "make recruitment, pay and promotion fair to women and men",
            "actions": [
                ("Gender-neutral job adverts and interview panels with women and men", HR["en"]),
                ("Compare the pay of women and men in the same grade", "Chief accountant"),
            ],
            "indicator": ("Pay review by gender done", "Pay review report"),
        },
        "ru": {
            "title": "Равные условия найма, оплаты труда и продвижения по службе",
            "description": "",
            "commitment": "обеспечить женщинам и мужчинам равные условия найма, оплаты труда и продвижения по службе",
            "actions": [
                ("Гендерно нейтральные объявления о вакансиях; в конкурсных комиссиях — женщины и мужчины", HR["ru"]),
                ("Сравнить оплату труда женщин и мужчин на одинаковых должностях", "Главный бухгалтер"),
            ],
            "indicator": ("Проведён анализ оплаты труда в разрезе пола", "Справка по итогам анализа оплаты труда"),
        },
    },
    "work_life": {
        "content_area": ContentArea.WORK_LIFE,
        "kind": Indicator.Kind.YES_NO,
        "months": [(1, 6), (4, 9)],
        "en": {
            "title": "Work that fits with family and care duties",
            "description": "Care duties were named as a reason why women take part less.",
            "commitment": "let work fit with family and care duties",
            "actions": [
                ("Flexible working hours for staff with young children or care duties", HR["en"]),
                ("Hold meetings and trainings within working hours only", "{head}"),
            ],
            "indicator": ("Flexible working hours in the internal rules", "Internal rules"),
        },
        "ru": {
            "title": "Работа, совместимая с семейными обязанностями и уходом за близкими",
            "description": "Уход за детьми и близкими назван одной из причин, по которым женщины участвуют меньше.",
            "commitment": "помочь сотрудникам совмещать работу с семейными обязанностями и уходом за близкими",
            "actions": [
                (
                    "Гибкий график работы для сотрудников с маленькими детьми или близкими, нуждающимися в уходе",
                    HR["ru"],
                ),
                ("Проводить совещания и тренинги только в рабочее время", "{head}"),
            ],
            "indicator": (
                "Гибкий график работы закреплён в правилах внутреннего распорядка",
                "Правила внутреннего трудового распорядка",
            ),
        },
    },
    "gbv": {
        "content_area": ContentArea.GBV,
        "kind": Indicator.Kind.YES_NO,
        "months": [(1, 6), (7, 9)],
        "en": {
            "title": "A workplace free of sexual harassment",
            "description": "",
            "commitment": "keep the workplace free of sexual harassment",
            "actions": [
                ("Adopt a policy against sexual harassment with a confidential complaints procedure", "{head}"),
                ("Brief every staff member and volunteer on the policy", FOCAL_POINT["en"]),
            ],
            "indicator": ("Anti-harassment policy adopted", "Order of the head adopting the policy"),
        },
        "ru": {
            "title": "Рабочая среда без сексуальных домогательств",
            "description": "",
            "commitment": "обеспечить рабочую среду без сексуальных домогательств",
            "actions": [
                (
                    "Принять политику против сексуальных домогательств с конфиденциальным порядком подачи жалоб",
                    "{head}",
                ),
                ("Ознакомить с политикой всех сотрудников, сотрудниц и волонтёров", FOCAL_POINT["ru"]),
            ],
            "indicator": ("Политика против домогательств принята", "Приказ руководителя об утверждении политики"),
        },
    },
    "programmes": {
        "content_area": ContentArea.PROGRAMMES,
        "kind": Indicator.Kind.YES_NO,
        "months": [(1, 4), (3, 24)],
        "en": {
            "title": "Gender analysis in every project and service",
            "description": "Women and men take part for different reasons; projects should plan for both.",
            "commitment": "plan every project and service for women and men",
            "actions": [
                ("Add a gender analysis section to the project and service planning template", "Programme manager"),
                ("Count women and men among all participants of projects and services", "Monitoring officer"),
            ],
            "indicator": ("Planning template includes a gender analysis", "Planning template"),
        },
        "ru": {
            "title": "Гендерный анализ в каждом проекте и каждой услуге",
            "description": "Женщины и мужчины участвуют по разным причинам; проекты должны учитывать и тех, и других.",
            "commitment": "планировать каждый проект и каждую услугу с учётом потребностей женщин и мужчин",
            "actions": [
                ("Добавить раздел гендерного анализа в шаблон планирования проектов и услуг", "Менеджер программ"),
                ("Вести учёт женщин и мужчин среди всех участников проектов и услуг", "Специалист по мониторингу"),
            ],
            "indicator": ("Шаблон планирования содержит гендерный анализ", "Шаблон планирования"),
        },
    },
    "structures": {
        "content_area": ContentArea.STRUCTURES,
        "kind": Indicator.Kind.YES_NO,
        "months": [(12, 12), (13, 14)],
        "en": {
            "title": "Data on women and men at every level, every year",
            "description": "",
            "commitment": "count women and men at every level every year",
            "actions": [
                ("Record staff by sex and level every December (headcount snapshot)", HR["en"]),
                ("Present the yearly gender profile to all staff", FOCAL_POINT["en"]),
            ],
            "indicator": ("Yearly gender profile presented to staff", "Minutes of the staff meeting"),
        },
        "ru": {
            "title": "Ежегодные данные о женщинах и мужчинах на каждом уровне",
            "description": "",
            "commitment": "ежегодно учитывать численность женщин и мужчин на каждом уровне",
            "actions": [
                ("Ежегодно в декабре учитывать сотрудников по полу и уровню (численность на дату)", HR["ru"]),
                ("Представлять ежегодный гендерный профиль всему коллективу", FOCAL_POINT["ru"]),
            ],
            "indicator": ("Ежегодный гендерный профиль представлен коллективу", "Протокол общего собрания коллектива"),
        },
    },
}

# What the loader writes around the objectives, in the plan's language.
PLAN_TEXT = {
    "en": {
        "title": "Gender action plan {start}–{end}",
        "statement": (
            "At the online training on gender mainstreaming in organizations (16 November 2021) we agreed to develop "
            "a gender action plan to create better conditions for women. {name} commits to {commitments}. Progress is "
            "measured against our own headcount of women and men at every level."
        ),
        "and": " and ",
        "people": "people",
    },
    "ru": {
        "title": "Гендерный план действий на {start}–{end} гг.",
        "statement": (
            "На онлайн-тренинге по гендерному мейнстримингу в организациях (16 ноября 2021 г.) мы договорились "
            "разработать гендерный план действий, чтобы создать лучшие условия для женщин. {name} обязуется "
            "{commitments}. Ход выполнения мы оцениваем по собственным данным о численности женщин и мужчин на "
            "каждом уровне."
        ),
        "and": " и ",
        "people": "чел.",
    },
}

NEXT_CYCLE = (D(2027, 1, 1), D(2028, 12, 31))


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# Plans that are further along than a draft; every other attending organization gets a draft for NEXT_CYCLE.
# Per plan: status, period, version (every workflow step bumps it), created/updated dates, and what happened.
PLAN_STORIES = {
    "naryn": {
        "status": ActionPlan.Status.APPROVED,
        "period": (D(2026, 1, 1), D(2027, 12, 31)),
        "version": 3,
        "created": D(2025, 12, 10),
        "updated": D(2026, 7, 15),
        "approved_at": _at(D(2026, 2, 16)),
        # By objective: the status of each action. Two actions due in mid-2026 are late (overdue).
        "action_statuses": {
            "leadership": ["done", "in_progress", "in_progress"],
            "capacity": ["done", "in_progress"],
            "work_life": ["in_progress", "planned"],
        },
        "measurements": {
            "leadership": [(D(2026, 6, 30), 3, 12, "В мае начальником социального отдела назначена женщина.")],
            "capacity": [
                (D(2026, 6, 30), 14, None, "Первый внутренний тренинг в июне: 12 сотрудников (9 женщин, 3 мужчины).")
            ],
            "work_life": [(D(2026, 6, 30), 0, None, "Изменения в правила внутреннего распорядка ещё у юриста.")],
        },
        "targets": {"leadership": 30},
        # Quarterly reports: the first two accepted, the third overdue (nothing sent by 15 October).
        "reporting": {
            "frequency": "quarterly",
            "reports": {
                1: ("accepted", D(2026, 4, 10), "Первый квартал: критерии назначения пересмотрены."),
                2: ("accepted", D(2026, 7, 15), "Второй квартал: первый тренинг, женщина возглавила отдел."),
            },
            # Report 2: the June training, 14 people (9 women, 3 men, 2 not stated).
            "people": {("capacity", 2): (9, 3, 2)},
        },
        "updates": [
            (
                D(2026, 7, 15),
                "Первое полугодие 2026 г. Критерии назначения на руководящие должности пересмотрены и в марте "
                "размещены на доске объявлений. В феврале заместитель начальника социального отдела назначена "
                "контактным лицом по гендерным вопросам, в июне прошёл первый внутренний тренинг для 12 сотрудников. "
                "В мае начальником социального отдела стала женщина: на уровне руководства теперь 3 женщины из 12.\n\n"
                "С отставанием: гибкий график работы. Изменения в правила внутреннего распорядка всё ещё "
                "согласовываются с юристом, а новый график совещаний ждёт этих изменений.",
            )
        ],
        "reviews": [
            (
                ReviewComment.Decision.APPROVED,
                D(2026, 2, 16),
                "Утверждён. План реалистичный, исходные значения взяты из ваших данных о численности сотрудников на "
                "декабрь 2025 г. Пожалуйста, отразите в июльском отчёте о ходе выполнения, как продвигается "
                "гибкий график работы.",
            )
        ],
    },
    "gsi": {
        "status": ActionPlan.Status.COMPLETED,
        "period": (D(2022, 1, 1), D(2023, 12, 31)),
        "version": 4,
        "created": D(2021, 12, 20),
        "updated": D(2024, 1, 25),
        "approved_at": _at(D(2022, 2, 10)),
        "action_statuses": {key: ["done"] * 3 for key in OBJECTIVES},
        "measurements": {
            "leadership": [
                (D(2022, 12, 31), 1, 3, "No change in the first year."),
                (D(2023, 12, 31), 2, 3, "A woman was elected deputy director in September 2023."),
            ],
            "capacity": [(D(2022, 12, 31), 9, None, ""), (D(2023, 12, 31), 20, None, "All staff trained.")],
            "programmes": [(D(2023, 12, 31), 1, None, "Used for every research proposal since March 2023.")],
        },
        "targets": {"leadership": 50},
        # Half-yearly reports: accepted, accepted (late), sent back, and the final one submitted.
        "reporting": {
            "frequency": "half_yearly",
            "count_aggregation": Indicator.Aggregation.CUMULATIVE,
            "reports": {
                1: ("accepted", D(2022, 7, 12), "Criteria for management posts published."),
                2: ("accepted", D(2023, 1, 30), "Two in-house trainings reached 9 staff."),
                3: ("returned", D(2023, 7, 14), "The gender analysis section is tested on two proposals."),
                4: ("submitted", D(2024, 1, 10), "All staff trained; a woman was elected deputy director."),
            },
            "sent_back": "Please attach the list of the people trained in this half-year.",
            "people": {("capacity", 2): (3, 5, 1)},
        },
        "updates": [
            (
                D(2022, 12, 20),
                "First year. The criteria for management posts are published; two in-house trainings reached 9 "
                "staff. The gender analysis section is drafted and being tested on two research proposals.",
            ),
            (
                D(2023, 12, 15),
                "Final report. All staff are trained; the planning template with a gender analysis is used for "
                "every research proposal; a woman was elected deputy director, so the management level counts 2 "
                "women of 3. The next plan will look at the governing body (the academic council).",
            ),
        ],
        "reviews": [
            (ReviewComment.Decision.APPROVED, D(2022, 2, 10), "Approved — a clear plan, a good first of its kind."),
            (ReviewComment.Decision.COMMENT, D(2024, 1, 25), "Completed: every target reached. Thank you!"),
        ],
    },
    "jashtar": {
        "status": ActionPlan.Status.SUBMITTED,
        "period": NEXT_CYCLE,
        "version": 2,
        "created": D(2026, 10, 5),
        "updated": D(2026, 11, 20),
    },
    "talas": {
        "status": ActionPlan.Status.RETURNED,
        "period": NEXT_CYCLE,
        "version": 3,
        "created": D(2026, 9, 14),
        "updated": D(2026, 10, 20),
        # What the review asks to fix: no target for the share, nobody responsible for the data actions.
        "no_target": ["leadership"],
        "no_responsible": ["structures"],
        "reviews": [
            (
                ReviewComment.Decision.RETURNED,
                D(2026, 10, 20),
                "Спасибо за план. Прежде чем его утвердить, просим: (1) указать целевое значение доли женщин на "
                "уровне руководства на конец 2028 г.; (2) назначить ответственного за ежегодные данные о "
                "сотрудниках. Последние данные о численности сотрудников, которые у нас есть, — за 2021 г.: если у "
                "вас есть более свежие, добавьте их, и исходное значение можно будет обновить.",
            )
        ],
    },
}
DRAFT_STORY = {"status": ActionPlan.Status.DRAFT, "period": NEXT_CYCLE, "version": 1}
# Drafts were started after the September 2026 workshop: (created, last changed). The partner's is the freshest.
DRAFT_DATES = {
    "karasuu": (D(2026, 10, 1), D(2026, 11, 18)),
    "bazarkorgon": (D(2026, 10, 2), D(2026, 11, 12)),
    "umut": (D(2026, 10, 8), D(2026, 11, 9)),
    "karakol": (D(2026, 10, 12), D(2026, 11, 4)),
    "aruujer": (D(2026, 9, 28), D(2026, 11, 26)),
    "tengukuk": (D(2026, 10, 5), D(2026, 11, 16)),
    "kelechek": (D(2026, 10, 14), D(2026, 11, 10)),
    "ilgr": (D(2026, 10, 20), D(2026, 10, 30)),
}

# --- Users ----------------------------------------------------------------------------------------------------

USERS = [
    {"username": "admin", "first_name": "Demo", "last_name": "Admin", "is_staff": True, "is_superuser": True},
    {"username": "coordinator", "first_name": "Nazgul", "last_name": "Toktogulova", "coordinator": True},
    {"username": "partner", "first_name": "Elmira", "last_name": "Kasymova", "editor_of": "aruujer"},
    {"username": "partner2", "first_name": "Almaz", "last_name": "Sadykov", "editor_of": "naryn"},
]


# --- Loading --------------------------------------------------------------------------------------------------


def _month_start(start, month):
    """The first day of the plan's `month` (1 = the month the period starts)."""
    index = start.year * 12 + start.month - 1 + month - 1
    return D(index // 12, index % 12 + 1, 1)


def _month_end(start, month):
    first = _month_start(start, month)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


class _Loader:
    def __init__(self, *, password):
        self.password = password
        self.created = Counter()

    def get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.created[model._meta.verbose_name_plural] += 1
        return obj, created

    def create(self, model, **fields):
        """For the rows inside a new plan: nothing can be there yet, so no look-up first."""
        self.created[model._meta.verbose_name_plural] += 1
        return model.objects.create(**fields)

    def load(self):
        cag, _ = self.get_or_create(
            Organization, name=CAG["name"], defaults={k: v for k, v in CAG.items() if k != "name"}
        )
        organizations = {spec["key"]: self.organization(spec) for spec in PARTNERS}
        users = {spec["username"]: self.user(spec, organizations) for spec in USERS}
        session = self.session(REPORTED_SESSION, host=cag, organizations=organizations)
        for spec in FOLLOW_UPS:
            self.session(spec, host=organizations[spec["host"]], organizations=organizations)
        for spec in PARTNERS:
            self.plan(spec, organizations[spec["key"]], session, reviewer=users["coordinator"], users=users)
        assessments_load(self, organizations=organizations, users=users)
        return {"session": session, "organizations": organizations, "users": users}

    def get_or_create_renamed(self, model, *, field, names, defaults, **lookup):
        """get_or_create by `field` = names[0], but a row an earlier demo made under one of the other names counts."""
        found = model.objects.filter(**lookup, **{f"{field}__in": names}).order_by("pk").first()
        if found is not None:
            return found, False
        return self.get_or_create(model, defaults=defaults, **lookup, **{field: names[0]})

    def organization(self, spec):
        fields = ("short_name", "kind", "region", "contact_person", "email", "phone", "address")
        organization, _ = self.get_or_create_renamed(
            Organization,
            field="name",
            names=[spec["name"], *filter(None, [spec.get("former_name")])],
            defaults={**{field: spec[field] for field in fields}, "language": spec.get("language", "en")},
        )
        if organization.language == "en" and spec.get("language", "en") != "en":
            # A database seeded before organizations had a working language: the field is what is missing.
            organization.language = spec["language"]
            organization.save(update_fields=["language"])
        sources = HEADCOUNT_SOURCES[spec.get("language", "en")]
        for as_of, levels in spec["headcounts"].items():
            for level, (women, men) in levels.items():
                self.get_or_create(
                    HeadcountSnapshot,
                    organization=organization,
                    as_of=as_of,
                    level=level,
                    defaults={"women": women, "men": men, "source": sources[as_of]},
                )
        return organization

    def user(self, spec, organizations):
        user, created = self.get_or_create(
            User,
            username=spec["username"],
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "email": f"{spec['username']}@example.org",
                "is_staff": spec.get("is_staff", False),
                "is_superuser": spec.get("is_superuser", False),
            },
        )
        # The sign-ins printed at the end must work, so the role and the password are put right on every run;
        # saved only when something differs, so a second run changes nothing.
        wanted = {"is_active": True}
        if spec.get("is_superuser"):
            wanted.update(is_staff=True, is_superuser=True)
        changed = [field for field, value in wanted.items() if getattr(user, field) != value]
        for field in changed:
            setattr(user, field, wanted[field])
        if created or not user.check_password(self.password):
            user.set_password(self.password)
            changed.append("password")
        if changed:
            user.save()
        if spec.get("coordinator"):
            group = Group.objects.get(name=COORDINATORS_GROUP)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        if spec.get("editor_of"):
            self.get_or_create(
                Membership,
                user=user,
                organization=organizations[spec["editor_of"]],
                defaults={"role": Membership.Role.EDITOR},
            )
        return user

    def session(self, spec, *, host, organizations):
        fields = ("end_date", "format", "venue", "language", "status", "summary")
        session, _ = self.get_or_create_renamed(
            TrainingSession,
            field="title",
            names=[spec["title"], *filter(None, [spec.get("former_title")])],
            start_date=spec["start_date"],
            defaults={**{field: spec[field] for field in fields}, "host_organization": host},
        )
        for name, affiliation in spec["facilitators"]:
            self.get_or_create(Facilitator, session=session, name=name, defaults={"affiliation": affiliation})
        for key, (women, men, not_stated) in spec["attendance"].items():
            self.get_or_create(
                Attendance,
                session=session,
                organization=organizations[key],
                defaults={"women": women, "men": men, "not_stated": not_stated},
            )
        for order, (question, theme, key_points) in enumerate(spec["topics"], start=1):
            topic, _ = self.get_or_create(DiscussionTopic, question=question, defaults={"theme": theme})
            self.get_or_create(
                SessionTopic, session=session, topic=topic, defaults={"order": order, "key_points": key_points}
            )
        if spec.get("story"):
            story = spec["story"]
            self.get_or_create(
                Story,
                session=session,
                pseudonym=story["pseudonym"],
                defaults={k: v for k, v in story.items() if k != "pseudonym"},
            )
        for order, (barrier, statement) in enumerate(spec["findings"], start=1):
            self.get_or_create(
                Finding, session=session, order=order, defaults={"barrier": barrier, "statement": statement}
            )
        return session

    def plan(self, spec, organization, session, *, reviewer, users):
        story = PLAN_STORIES.get(spec["key"])
        if story is None:
            created_day, updated_day = DRAFT_DATES[spec["key"]]
            story = {**DRAFT_STORY, "created": created_day, "updated": updated_day}
        period_start, period_end = story["period"]
        approved = story.get("approved_at")
        language = spec.get("language", "en")
        text = PLAN_TEXT[language]
        commitments = [OBJECTIVES[key][language]["commitment"] for key in spec["objectives"]]
        plan, created = self.get_or_create(
            ActionPlan,
            organization=organization,
            source_session=session,
            defaults={
                "title": text["title"].format(start=period_start.year, end=period_end.year),
                "period_start": period_start,
                "period_end": period_end,
                "status": story["status"],
                "version": story["version"],
                "statement_of_intent": text["statement"].format(
                    name=organization.name, commitments=", ".join(commitments[:-1]) + text["and"] + commitments[-1]
                ),
                "approved_by": reviewer if approved else None,
                "approved_at": approved,
            },
        )
        if not created:
            return plan
        author = next((users[u["username"]] for u in USERS if u.get("editor_of") == spec["key"]), None)
        for order, key in enumerate(spec["objectives"], start=1):
            self.objective(plan, key, order, spec=spec, story=story, session=session, author=author)
        for day, narrative in story.get("updates", []):
            update = self.create(ProgressUpdate, plan=plan, date=day, narrative=narrative, author=author)
            ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(day, hour=16))
        for decision, day, text in story.get("reviews", []):
            comment = self.create(ReviewComment, plan=plan, decision=decision, text=text, author=reviewer)
            ReviewComment.objects.filter(pk=comment.pk).update(created_at=_at(day))
        self.reporting(plan, story, reviewer=reviewer, author=author)
        # The dashboard sorts by last change: give the plans the dates of their story, not of the seeding.
        ActionPlan.objects.filter(pk=plan.pk).update(created_at=_at(story["created"]), updated_at=_at(story["updated"]))
        self.backdate_history(plan, when=_at(story["created"]), by=author)
        return plan

    def reporting(self, plan, story, *, reviewer, author):
        """The plan's reporting periods and the reports of its story, each indicator's value from the
        measurements of the period (or the latest before it), with women / men / not stated where known."""
        spec = story.get("reporting")
        if not spec:
            return
        schedule_apply(plan=plan, frequency=spec["frequency"], by=reviewer)
        periods = {p.number: p for p in plan.reporting_periods.all()}
        indicators = list(Indicator.objects.filter(objective__plan=plan).select_related("objective"))
        for indicator in indicators:
            if indicator.kind == Indicator.Kind.COUNT:
                indicator.aggregation = spec.get("count_aggregation", Indicator.Aggregation.SUM)
                indicator.counts_people = True
            else:
                indicator.aggregation = Indicator.Aggregation.LATEST
            indicator.save(update_fields=["aggregation", "counts_people"])
        measurements = list(Measurement.objects.filter(indicator__in=indicators).order_by("date"))
        for number, (status, submitted_on, achieved) in spec["reports"].items():
            period = periods[number]
            submitted = _at(submitted_on, hour=11)
            reviewed = status in ("accepted", "returned")
            report = self.create(
                PeriodReport,
                period=period,
                status=status,
                achieved=achieved,
                first_submitted_at=submitted,
                submitted_at=submitted,
                submitted_by=author,
                reviewed_at=_at(submitted_on + datetime.timedelta(days=5)) if reviewed else None,
                reviewed_by=reviewer if reviewed else None,
                review_comment=spec.get("sent_back", "") if status == "returned" else "",
            )
            for indicator in indicators:
                before = [m for m in measurements if m.indicator_id == indicator.pk and m.date <= period.end]
                latest = before[-1] if before else None
                values = {"value": latest.value if latest else indicator.baseline_value or 0}
                if indicator.kind == Indicator.Kind.SHARE_OF_WOMEN and latest and latest.total:
                    values = {"women": latest.women, "men": latest.total - latest.women, "not_stated": 0}
                    values["value"] = share_of_women(latest.women, latest.total)
                elif indicator.kind == Indicator.Kind.SHARE_OF_WOMEN:
                    values = {"value": indicator.baseline_value}
                parts = spec.get("people", {}).get((indicator.objective.content_area, number))
                if indicator.counts_people and parts:
                    women, men, not_stated = parts
                    values = {"value": women + men + not_stated, "women": women, "men": men, "not_stated": not_stated}
                value = self.create(ReportValue, report=report, indicator=indicator, **values)
                ReportValue.history.filter(id=value.pk).update(history_date=submitted, history_user=author)
            PeriodReport.history.filter(id=report.pk).update(history_date=submitted, history_user=author)

    def backdate_history(self, plan, *, when, by):
        """simple-history stamps new rows with the time of seeding; give them the plan's own dates and author."""
        stamp = {"history_date": when, "history_user": by}
        objective_ids = list(Objective.objects.filter(plan=plan).values_list("pk", flat=True))
        ActionPlan.history.filter(id=plan.pk).update(**stamp)
        Objective.history.filter(plan_id=plan.pk).update(**stamp)
        Action.history.filter(objective_id__in=objective_ids).update(**stamp)
        Indicator.history.filter(objective_id__in=objective_ids).update(**stamp)
        for measurement in Measurement.objects.filter(indicator__objective_id__in=objective_ids):
            Measurement.history.filter(id=measurement.pk).update(history_date=_at(measurement.date), history_user=by)

    def objective(self, plan, key, order, *, spec, story, session, author):
        template = OBJECTIVES[key]
        words = template[spec.get("language", "en")]
        objective = self.create(
            Objective,
            plan=plan,
            order=order,
            title=words["title"],
            content_area=template["content_area"],
            description=words["description"],
        )
        statuses = story.get("action_statuses", {}).get(key, [])
        actions = zip(words["actions"], template["months"], strict=True)
        for index, ((title, responsible), (first, last)) in enumerate(actions):
            if key in story.get("no_responsible", []):
                responsible = ""
            self.create(
                Action,
                objective=objective,
                order=index + 1,
                title=title,
                responsible=responsible.format(head=spec["head"]),
                start_date=_month_start(plan.period_start, first),
                due_date=_month_end(plan.period_start, last),
                status=statuses[index] if index < len(statuses) else Action.Status.PLANNED,
            )
        self.indicator(objective, key, spec=spec, story=story, session=session, author=author)

    def indicator(self, objective, key, *, spec, story, session, author):
        plan = objective.plan
        language = spec.get("language", "en")
        kind = OBJECTIVES[key]["kind"]
        name, data_source = OBJECTIVES[key][language]["indicator"]
        # Baselines come from the organization's latest headcount before the plan starts.
        as_of, levels = max((day, levels) for day, levels in spec["headcounts"].items() if day <= plan.period_start)
        values = {
            "name": name,
            "kind": kind,
            "data_source": data_source,
            "target_date": plan.period_end,
        }
        if kind == Indicator.Kind.SHARE_OF_WOMEN:
            women, men = levels[M]
            values.update(
                level=M,
                unit="%",
                baseline_value=share_of_women(women, women + men),
                baseline_date=as_of,
                target_value=story.get("targets", {}).get(key, 40),
            )
        elif kind == Indicator.Kind.COUNT:
            # Those who attended the 2021 session are the first trained; the target is every member of staff.
            staff = sum(sum(levels.get(level, (0, 0))) for level in (M, P, A))
            values.update(
                unit=PLAN_TEXT[language]["people"],
                baseline_value=sum(spec["attendance"]),
                baseline_date=session.start_date,
                target_value=min(staff, 30),
            )
        else:
            values.update(baseline_value=0, baseline_date=plan.period_start, target_value=1)
        if key in story.get("no_target", []):
            values.update(target_value=None, target_date=None)
        indicator = self.create(Indicator, objective=objective, order=1, **values)
        shares = kind == Indicator.Kind.SHARE_OF_WOMEN
        for day, value, total, note in story.get("measurements", {}).get(key, []):
            self.create(
                Measurement,
                indicator=indicator,
                date=day,
                value=share_of_women(value, total) if shares else value,
                women=value if shares else None,
                total=total,
                note=note,
                recorded_by=author,
            )


def demo_load(*, password):
    """Create the demo data that is missing; return the created row counts by model and the main rows."""
    loader = _Loader(password=password)
    rows = loader.load()
    return loader.created, rows


def demo_notify():
    """What the demo's people would have been told: each plan's latest step, and today's action reminders.

    Idempotent like the rest (one notification per event and person), so the bell has something to show.
    """
    for plan in ActionPlan.objects.select_related("organization"):
        if plan.status == ActionPlan.Status.SUBMITTED:
            events.plan_submitted(plan)
        elif plan.status == ActionPlan.Status.RETURNED:
            comment = plan.review_comments.filter(decision=ReviewComment.Decision.RETURNED).first()
            events.plan_returned(plan, comment.text if comment else "")
        elif plan.status == ActionPlan.Status.APPROVED:
            events.plan_approved(plan)
    reminders_run(today=timezone.localdate())
