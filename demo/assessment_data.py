# ruff: noqa: RUF001, RUF003, E501
"""Demo content of the gender self-assessment: a first questionnaire and a library of suggested objectives.

Written for this app in its own words, after the structure of UNDP's Gender Equality Seal for public institutions
(baseline self-assessment, improvement plan), the WEPs Gender Gap Analysis Tool (questions by area, progress over
time) and UN-SWAP's four ratings, and adapted to state bodies (district administrations, aiyl okmotus, ministries'
regional offices) and civil-society organizations in Kyrgyzstan. Each question has a line per level: missing,
started, in place, exemplary. English, Russian and Kyrgyz.
"""

# (content area, (en, ru, ky), guidance: ((missing en, ru, ky), (started ...), (in place ...), (exemplary ...)))
QUESTIONS = [
    # --- Leadership and decision-making
    (
        "leadership",
        (
            "How many women sit on the governing body and in management, compared with the staff as a whole?",
            "Сколько женщин входит в руководящий орган и в руководство по сравнению со всем персоналом?",
            "Башкаруу органында жана жетекчиликте бардык кызматкерлерге салыштырмалуу канча аял бар?",
        ),
        (
            (
                "Nobody has counted; or there are no women in management.",
                "Никто не считал, или женщин в руководстве нет.",
                "Эч ким эсептеген эмес же жетекчиликте аялдар жок.",
            ),
            (
                "Counted once; women are far fewer in management than among staff.",
                "Подсчитали один раз; в руководстве женщин намного меньше, чем среди персонала.",
                "Бир жолу эсептелген; жетекчиликте аялдар кызматкерлерге караганда алда канча аз.",
            ),
            (
                "Counted every year; at least a third of management are women.",
                "Считаем каждый год; не менее трети руководства — женщины.",
                "Жыл сайын эсептелет; жетекчиликтин кеминде үчтөн бири аялдар.",
            ),
            (
                "Balance (40–60 %) at every level, kept for several years.",
                "Баланс (40–60 %) на всех уровнях сохраняется несколько лет.",
                "Бардык деңгээлде тең салмак (40–60 %) бир нече жылдан бери сакталат.",
            ),
        ),
    ),
    (
        "leadership",
        (
            "Do women take part in the meetings where decisions on budget, staff and priorities are made?",
            "Участвуют ли женщины в совещаниях, где принимаются решения о бюджете, кадрах и приоритетах?",
            "Бюджет, кадрлар жана артыкчылыктар боюнча чечим кабыл алынган жыйындарга аялдар катышабы?",
        ),
        (
            (
                "Such meetings are held by a few men; women hear of the decisions later.",
                "Такие совещания проводят несколько мужчин; женщины узнают о решениях позже.",
                "Мындай жыйындарды бир нече эркек өткөрөт; аялдар чечимдер жөнүндө кийин угушат.",
            ),
            (
                "Women are invited sometimes, usually to take notes or report.",
                "Женщин иногда приглашают, обычно вести протокол или отчитаться.",
                "Аялдар кээде чакырылат, көбүнчө протокол жүргүзүү же отчет берүү үчүн.",
            ),
            (
                "Women heads of units attend as of right and speak to the agenda.",
                "Женщины-руководители подразделений участвуют по должности и выступают по повестке.",
                "Бөлүм жетекчиси болгон аялдар кызмат боюнча катышып, күн тартиби боюнча сүйлөшөт.",
            ),
            (
                "Minutes show women's proposals adopted; the rules guarantee a balanced composition.",
                "Протоколы показывают принятые предложения женщин; правила гарантируют сбалансированный состав.",
                "Протоколдордо аялдардын кабыл алынган сунуштары көрүнөт; эрежелер тең салмактуу курамды кепилдейт.",
            ),
        ),
    ),
    (
        "leadership",
        (
            "Has the head of the organization made a public, written commitment to gender equality?",
            "Взял ли руководитель организации публичное письменное обязательство в отношении гендерного равенства?",
            "Уюмдун жетекчиси гендердик теңчилик боюнча ачык жазуу жүзүндөгү милдеттенме алганбы?",
        ),
        (
            ("No commitment exists.", "Обязательства нет.", "Милдеттенме жок."),
            (
                "Mentioned in speeches or at a training, not written down.",
                "Упоминается в выступлениях или на тренинге, но не записано.",
                "Сөздөрдө же тренингде айтылат, бирок жазылган эмес.",
            ),
            (
                "A signed statement or order is published and known to staff.",
                "Подписанное заявление или приказ опубликованы и известны сотрудникам.",
                "Кол коюлган билдирүү же буйрук жарыяланган жана кызматкерлерге белгилүү.",
            ),
            (
                "The commitment is reviewed each year with results reported to staff and the public.",
                "Обязательство пересматривается ежегодно, результаты сообщаются сотрудникам и общественности.",
                "Милдеттенме жыл сайын кайра каралып, натыйжалары кызматкерлерге жана коомчулукка билдирилет.",
            ),
        ),
    ),
    # --- Recruitment, pay and career progression
    (
        "recruitment",
        (
            "Are vacancies advertised openly and selected by a panel with women and men on it?",
            "Объявляются ли вакансии открыто, и отбирает ли кандидатов комиссия из женщин и мужчин?",
            "Бош орундар ачык жарыяланып, талапкерлерди аялдар менен эркектерден турган комиссия тандайбы?",
        ),
        (
            (
                "Posts are filled by personal recommendation.",
                "Должности заполняются по личной рекомендации.",
                "Кызмат орундары жеке сунуш боюнча ээленет.",
            ),
            (
                "Some vacancies are advertised; panels are often all men.",
                "Часть вакансий объявляется; комиссии часто состоят только из мужчин.",
                "Бош орундардын бир бөлүгү жарыяланат; комиссиялар көбүнчө эркектерден гана турат.",
            ),
            (
                "All vacancies are advertised with neutral wording; every panel includes a woman.",
                "Все вакансии объявляются нейтральным языком; в каждой комиссии есть женщина.",
                "Бардык бош орундар нейтралдуу тилде жарыяланат; ар бир комиссияда аял бар.",
            ),
            (
                "Applicants and appointments are counted by sex and the gaps acted on.",
                "Кандидаты и назначения учитываются по полу, и разрывы устраняются.",
                "Талапкерлер жана дайындоолор жынысы боюнча эсепке алынып, ажырымдар четтетилет.",
            ),
        ),
    ),
    (
        "recruitment",
        (
            "Do women and men in the same position receive the same pay, bonuses and allowances?",
            "Получают ли женщины и мужчины на одинаковых должностях одинаковую зарплату, премии и надбавки?",
            "Бирдей кызматтагы аялдар менен эркектер бирдей эмгек акы, сыйлык жана кошумча акы алышабы?",
        ),
        (
            ("Nobody has compared.", "Никто не сравнивал.", "Эч ким салыштырган эмес."),
            (
                "Base salaries follow the grid, but bonuses have not been compared by sex.",
                "Оклады по сетке, но премии по полу не сравнивались.",
                "Негизги айлык тор боюнча, бирок сыйлыктар жынысы боюнча салыштырылган эмес.",
            ),
            (
                "Pay and bonuses are compared by sex each year; gaps are explained.",
                "Зарплата и премии ежегодно сравниваются по полу; разрывы объясняются.",
                "Эмгек акы жана сыйлыктар жыл сайын жынысы боюнча салыштырылып, ажырымдар түшүндүрүлөт.",
            ),
            (
                "No unexplained gap; the comparison is published.",
                "Необъяснённого разрыва нет; сравнение опубликовано.",
                "Түшүндүрүлбөгөн ажырым жок; салыштыруу жарыяланган.",
            ),
        ),
    ),
    (
        "recruitment",
        (
            "Do women have the same chances of promotion, training abroad and acting appointments?",
            "Есть ли у женщин равные шансы на повышение, обучение за рубежом и временное исполнение обязанностей?",
            "Аялдардын кызматтан жогорулоого, чет өлкөдө окууга жана убактылуу милдет аткарууга мүмкүнчүлүгү бирдейби?",
        ),
        (
            (
                "Promotions are decided informally; women are rarely put forward.",
                "Повышения решаются неформально; женщин редко выдвигают.",
                "Жогорулатуу расмий эмес чечилет; аялдар сейрек көрсөтүлөт.",
            ),
            (
                "Some women have been promoted, but there are no criteria.",
                "Некоторых женщин повысили, но критериев нет.",
                "Айрым аялдар жогорулатылган, бирок критерийлер жок.",
            ),
            (
                "Written criteria apply to all; promotions are counted by sex.",
                "Письменные критерии действуют для всех; повышения учитываются по полу.",
                "Жазылган критерийлер баарына колдонулат; жогорулатуулар жынысы боюнча эсептелет.",
            ),
            (
                "A mentoring or talent programme prepares women for senior posts.",
                "Программа наставничества готовит женщин к руководящим должностям.",
                "Насаатчылык программасы аялдарды жетекчи кызматтарга даярдайт.",
            ),
        ),
    ),
    # --- Work-life balance and organizational culture
    (
        "work_life",
        (
            "Can staff with children or relatives to care for adjust their hours or work from home?",
            "Могут ли сотрудники, ухаживающие за детьми или родственниками, менять график или работать из дома?",
            "Балдарды же туугандарды караган кызматкерлер иш убактысын өзгөртүп же үйдөн иштей алабы?",
        ),
        (
            (
                "No; requests are refused or not asked for.",
                "Нет; просьбы отклоняются или их не высказывают.",
                "Жок; өтүнүчтөр четке кагылат же айтылбайт.",
            ),
            (
                "Arranged case by case with the manager's goodwill.",
                "Решается в частном порядке по доброй воле руководителя.",
                "Жетекчинин ыктыяры менен ар бир учур өзүнчө чечилет.",
            ),
            (
                "A written rule on flexible hours applies to women and men alike.",
                "Письменное правило о гибком графике действует для женщин и мужчин.",
                "Ийкемдүү иш убактысы боюнча жазылган эреже аялдарга да, эркектерге да колдонулат.",
            ),
            (
                "Fathers use it too, and meetings are kept within working hours.",
                "Отцы тоже им пользуются, совещания проводятся в рабочее время.",
                "Аталар да колдонушат, жыйындар иш убактысында өткөрүлөт.",
            ),
        ),
    ),
    (
        "work_life",
        (
            "Do women returning from maternity leave come back to the same or an equal post?",
            "Возвращаются ли женщины после декретного отпуска на ту же или равноценную должность?",
            "Аялдар декреттик өргүүдөн кийин ошол эле же ага тең кызматка кайтышабы?",
        ),
        (
            (
                "Often not; some lose their post or are moved down.",
                "Часто нет; некоторые теряют должность или понижаются.",
                "Көбүнчө жок; айрымдары кызматын жоготот же төмөндөтүлөт.",
            ),
            (
                "The law is followed, but nothing helps the return.",
                "Закон соблюдается, но возвращению ничто не помогает.",
                "Мыйзам сакталат, бирок кайтууга эч нерсе жардам бербейт.",
            ),
            (
                "Return is planned with the employee; training is offered on return.",
                "Возвращение планируется с сотрудницей; после выхода предлагается обучение.",
                "Кайтуу кызматкер менен пландалат; кайткандан кийин окутуу сунушталат.",
            ),
            (
                "Fathers take parental leave too, and returners keep their career path.",
                "Отцы тоже берут отпуск по уходу, а вернувшиеся сохраняют карьерный путь.",
                "Аталар да бала багуу өргүүсүн алышат, кайткандар карьерасын сактайт.",
            ),
        ),
    ),
    (
        "work_life",
        (
            "Are tasks such as serving tea, decorating and organizing events shared between women and men?",
            "Распределяются ли между женщинами и мужчинами такие задачи, как подача чая, оформление и организация мероприятий?",
            "Чай берүү, жасалгалоо жана иш-чараларды уюштуруу сыяктуу милдеттер аялдар менен эркектердин ортосунда бөлүштүрүлөбү?",
        ),
        (
            (
                "They fall to women as a matter of course.",
                "Они сами собой ложатся на женщин.",
                "Алар өзүнөн өзү аялдарга жүктөлөт.",
            ),
            (
                "The imbalance has been noticed and discussed.",
                "Дисбаланс замечен и обсуждён.",
                "Тең салмаксыздык байкалып, талкууланган.",
            ),
            (
                "Such tasks rotate among all staff.",
                "Такие задачи выполняются всеми сотрудниками по очереди.",
                "Мындай милдеттерди бардык кызматкерлер кезек менен аткарат.",
            ),
            (
                "Rotation is the norm and staff surveys confirm the culture is fair.",
                "Очерёдность стала нормой, опросы сотрудников подтверждают справедливую культуру.",
                "Кезектешүү адатка айланган, кызматкерлердин сурамжылоосу адилеттүү маданиятты тастыктайт.",
            ),
        ),
    ),
    # --- Gender-based violence and sexual harassment
    (
        "gbv",
        (
            "Is there a written policy against sexual harassment at work that every employee knows?",
            "Есть ли письменная политика против сексуальных домогательств на работе, известная каждому сотруднику?",
            "Жумушта сексуалдык куугунтукка каршы ар бир кызматкерге белгилүү жазылган саясат барбы?",
        ),
        (
            (
                "No policy; the subject is not discussed.",
                "Политики нет; тема не обсуждается.",
                "Саясат жок; тема талкууланбайт.",
            ),
            (
                "A draft exists or the code of ethics mentions it briefly.",
                "Есть проект, или кодекс этики кратко упоминает это.",
                "Долбоор бар же этика кодексинде кыскача айтылат.",
            ),
            (
                "An adopted policy is signed by every employee.",
                "Утверждённая политика подписана каждым сотрудником.",
                "Бекитилген саясатка ар бир кызматкер кол койгон.",
            ),
            (
                "The policy is trained on yearly and covers volunteers, partners and visitors.",
                "По политике ежегодно проводится обучение; она охватывает волонтёров, партнёров и посетителей.",
                "Саясат боюнча жыл сайын окутуу өтөт; ал ыктыярчыларды, өнөктөштөрдү жана келүүчүлөрдү камтыйт.",
            ),
        ),
    ),
    (
        "gbv",
        (
            "Can a person report harassment confidentially to someone other than their own manager?",
            "Может ли человек конфиденциально сообщить о домогательствах не своему непосредственному руководителю?",
            "Адам куугунтук жөнүндө өз жетекчисинен башка бирөөгө купуя кабарлай алабы?",
        ),
        (
            ("No channel exists.", "Канала нет.", "Канал жок."),
            (
                "An informal person people can go to.",
                "Есть неформальный человек, к которому можно обратиться.",
                "Кайрылса боло турган расмий эмес адам бар.",
            ),
            (
                "A named focal point or committee, with a written procedure and protection from retaliation.",
                "Назначенное контактное лицо или комиссия, письменная процедура и защита от преследования.",
                "Дайындалган байланыш адамы же комиссия, жазылган тартип жана өч алуудан коргоо бар.",
            ),
            (
                "Cases are handled within set deadlines and yearly figures are reported without names.",
                "Обращения рассматриваются в установленные сроки, годовые цифры публикуются без имён.",
                "Кайрылуулар белгиленген мөөнөттө каралып, жылдык сандар аты-жөнсүз жарыяланат.",
            ),
        ),
    ),
    (
        "gbv",
        (
            "Does the organization refer people affected by domestic violence to help (crisis centres, legal aid)?",
            "Направляет ли организация пострадавших от семейного насилия за помощью (кризисные центры, юридическая помощь)?",
            "Уюм үй-бүлөлүк зомбулуктан жабыр тарткандарды жардамга (кризистик борборлор, юридикалык жардам) жөнөтөбү?",
        ),
        (
            (
                "Staff would not know where to send anyone.",
                "Сотрудники не знают, куда направить человека.",
                "Кызматкерлер адамды кайда жөнөтүүнү билишпейт.",
            ),
            (
                "A few staff know the local crisis centre.",
                "Несколько сотрудников знают местный кризисный центр.",
                "Бир нече кызматкер жергиликтүү кризистик борборду билет.",
            ),
            (
                "A referral list is kept up to date and staff who meet the public are trained to use it.",
                "Список для перенаправления обновляется, сотрудники, работающие с населением, обучены им пользоваться.",
                "Жөнөтүү тизмеси жаңыланып турат, калк менен иштеген кызматкерлер аны колдонууга үйрөтүлгөн.",
            ),
            (
                "The organization is part of the local referral network and follows up cases.",
                "Организация входит в местную сеть перенаправления и отслеживает случаи.",
                "Уюм жергиликтүү жөнөтүү тармагынын мүчөсү жана учурларды көзөмөлдөйт.",
            ),
        ),
    ),
    # --- Gender in programmes, projects and services
    (
        "programmes",
        (
            "Before a project or service starts, do you ask how it will affect women and men differently?",
            "Прежде чем начать проект или услугу, спрашиваете ли вы, как они по-разному повлияют на женщин и мужчин?",
            "Долбоор же кызмат башталардан мурун анын аялдарга жана эркектерге ар башка таасирин сурайсызбы?",
        ),
        (
            ("Never asked.", "Никогда не спрашиваем.", "Эч качан суралбайт."),
            (
                "Sometimes, when a donor requires it.",
                "Иногда, когда этого требует донор.",
                "Кээде, донор талап кылганда.",
            ),
            (
                "A short gender analysis is part of every project design.",
                "Краткий гендерный анализ входит в разработку каждого проекта.",
                "Кыскача гендердик талдоо ар бир долбоорду иштеп чыгууга кирет.",
            ),
            (
                "The analysis changes the design, and women from the community take part in it.",
                "Анализ меняет проект, и в нём участвуют женщины из сообщества.",
                "Талдоо долбоорду өзгөртөт жана ага жамааттагы аялдар катышат.",
            ),
        ),
    ),
    (
        "programmes",
        (
            "Do you count the people your services and projects reach by sex (and age)?",
            "Учитываете ли вы людей, охваченных вашими услугами и проектами, по полу (и возрасту)?",
            "Кызматтарыңыз жана долбоорлоруңуз камтыган адамдарды жынысы (жана жашы) боюнча эсептейсизби?",
        ),
        (
            ("Only totals are kept.", "Ведутся только общие цифры.", "Жалпы сандар гана жүргүзүлөт."),
            (
                "Some projects count women and men.",
                "Некоторые проекты учитывают женщин и мужчин.",
                "Айрым долбоорлор аялдар менен эркектерди эсептейт.",
            ),
            (
                "Every project and service reports women, men and age groups.",
                "Каждый проект и услуга отчитываются по женщинам, мужчинам и возрастным группам.",
                "Ар бир долбоор жана кызмат аялдар, эркектер жана жаш топтору боюнча отчет берет.",
            ),
            (
                "The figures are analysed and used to reach those left out.",
                "Цифры анализируются и используются, чтобы охватить неохваченных.",
                "Сандар талданып, камтылбай калгандарды камтуу үчүн колдонулат.",
            ),
        ),
    ),
    (
        "programmes",
        (
            "Are public hearings and consultations held at times and places women can attend?",
            "Проводятся ли общественные слушания и консультации в то время и в тех местах, где женщины могут присутствовать?",
            "Коомдук угуулар жана консультациялар аялдар катыша ала турган убакта жана жерде өткөрүлөбү?",
        ),
        (
            (
                "Times and places are set without thinking of who can come.",
                "Время и место выбираются, не думая о том, кто сможет прийти.",
                "Убакыт жана жер ким келе аларын ойлобостон белгиленет.",
            ),
            (
                "Women's attendance is noted but low.",
                "Участие женщин отмечается, но оно низкое.",
                "Аялдардын катышуусу белгиленет, бирок төмөн.",
            ),
            (
                "Times, places and childcare are planned so women attend; their share is counted.",
                "Время, место и присмотр за детьми планируются, чтобы женщины могли прийти; их доля учитывается.",
                "Аялдар келе тургандай убакыт, жер жана балдарды кароо пландалат; алардын үлүшү эсептелет.",
            ),
            (
                "Separate women's consultations feed into decisions, and this is shown in the minutes.",
                "Отдельные консультации с женщинами влияют на решения, что отражено в протоколах.",
                "Аялдар менен өзүнчө консультациялар чечимдерге таасир этет, бул протоколдордо көрсөтүлөт.",
            ),
        ),
    ),
    # --- Capacity building and awareness
    (
        "capacity",
        (
            "Have staff and managers been trained on gender equality in the last two years?",
            "Проходили ли сотрудники и руководители обучение по гендерному равенству за последние два года?",
            "Акыркы эки жылда кызматкерлер жана жетекчилер гендердик теңчилик боюнча окуудан өтүштүбү?",
        ),
        (
            ("No one has been trained.", "Никто не обучался.", "Эч ким окуган эмес."),
            (
                "One or two people attended an outside training.",
                "Один-два человека посетили внешний тренинг.",
                "Бир-эки адам сырткы тренингге катышкан.",
            ),
            (
                "Most staff, managers included, have been trained.",
                "Большинство сотрудников, включая руководителей, прошли обучение.",
                "Кызматкерлердин көпчүлүгү, анын ичинде жетекчилер, окуудан өткөн.",
            ),
            (
                "Training is part of induction and repeated; staff apply it in their work.",
                "Обучение входит во вводный курс и повторяется; сотрудники применяют его в работе.",
                "Окутуу киришүү курсуна кирет жана кайталанат; кызматкерлер аны ишинде колдонушат.",
            ),
        ),
    ),
    (
        "capacity",
        (
            "Is there a gender focal point with time and a mandate for the work?",
            "Есть ли контактное лицо по гендерным вопросам, у которого есть время и полномочия для этой работы?",
            "Гендердик маселелер боюнча бул ишке убактысы жана ыйгарым укугу бар байланыш адамы барбы?",
        ),
        (
            ("No one is responsible.", "Никто не отвечает.", "Эч ким жооп бербейт."),
            (
                "Someone was named, on top of their other work.",
                "Кто-то назначен, в дополнение к основной работе.",
                "Негизги ишинен тышкары бирөө дайындалган.",
            ),
            (
                "The focal point has it in their job description and reports to management.",
                "Это записано в должностной инструкции контактного лица, оно отчитывается перед руководством.",
                "Бул байланыш адамынын кызматтык нускамасында жазылган, ал жетекчиликке отчет берет.",
            ),
            (
                "The focal point has a budget and a network with other organizations.",
                "У контактного лица есть бюджет и связи с другими организациями.",
                "Байланыш адамынын бюджети жана башка уюмдар менен тармагы бар.",
            ),
        ),
    ),
    (
        "capacity",
        (
            "Do your documents, website and public materials use language and images that avoid stereotypes?",
            "Используют ли ваши документы, сайт и публичные материалы язык и изображения без стереотипов?",
            "Документтериңиз, сайтыңыз жана коомдук материалдарыңыз стереотипсиз тил жана сүрөттөрдү колдонобу?",
        ),
        (
            ("Not considered.", "Не рассматривалось.", "Каралган эмес."),
            (
                "Staff are aware, but there is no guidance.",
                "Сотрудники знают об этом, но руководства нет.",
                "Кызматкерлер билишет, бирок колдонмо жок.",
            ),
            (
                "A short guide is used for publications and the website.",
                "Для публикаций и сайта используется краткое руководство.",
                "Басылмалар жана сайт үчүн кыскача колдонмо колдонулат.",
            ),
            (
                "Materials are checked before release and show women in leading roles.",
                "Материалы проверяются до выпуска и показывают женщин в ведущих ролях.",
                "Материалдар чыгарылганга чейин текшерилип, аялдарды алдыңкы ролдордо көрсөтөт.",
            ),
        ),
    ),
    # --- Structures, data and monitoring
    (
        "structures",
        (
            "Does the organization have a gender action plan with a budget and someone responsible for each action?",
            "Есть ли у организации гендерный план действий с бюджетом и ответственным за каждое действие?",
            "Уюмдун бюджети жана ар бир аракет үчүн жооптуусу бар гендердик иш-аракеттер планы барбы?",
        ),
        (
            ("No plan.", "Плана нет.", "План жок."),
            ("A plan is being drafted.", "План разрабатывается.", "План иштелип жатат."),
            (
                "An approved plan with responsible persons, dates and indicators.",
                "Утверждённый план с ответственными, сроками и показателями.",
                "Жооптуулары, мөөнөттөрү жана көрсөткүчтөрү бар бекитилген план.",
            ),
            (
                "The plan has its own budget line and is reported on to management and partners.",
                "У плана есть своя бюджетная строка, по нему отчитываются перед руководством и партнёрами.",
                "Пландын өз бюджеттик сабы бар, ал боюнча жетекчиликке жана өнөктөштөргө отчет берилет.",
            ),
        ),
    ),
    (
        "structures",
        (
            "Are staff data (headcount, pay, promotions, leave, departures) kept by sex and reviewed?",
            "Ведутся ли кадровые данные (численность, оплата, повышения, отпуска, увольнения) в разбивке по полу и анализируются ли они?",
            "Кадрдык маалыматтар (саны, эмгек акы, жогорулатуу, өргүү, кетүү) жынысы боюнча жүргүзүлүп, талданабы?",
        ),
        (
            ("Not kept by sex.", "По полу не ведутся.", "Жынысы боюнча жүргүзүлбөйт."),
            ("Headcount by sex only.", "Только численность по полу.", "Жынысы боюнча сан гана."),
            (
                "All these data are kept by sex and reviewed once a year.",
                "Все эти данные ведутся по полу и раз в год анализируются.",
                "Бул маалыматтардын баары жынысы боюнча жүргүзүлүп, жылына бир жолу талданат.",
            ),
            (
                "Reviewed by management with decisions recorded, and shared with staff.",
                "Анализируются руководством с фиксацией решений и доводятся до сотрудников.",
                "Жетекчилик тарабынан талданып, чечимдер жазылат жана кызматкерлерге жеткирилет.",
            ),
        ),
    ),
    (
        "structures",
        (
            "Does the budget show how much is spent on women and men, or on gender equality work?",
            "Показывает ли бюджет, сколько тратится на женщин и мужчин или на работу по гендерному равенству?",
            "Бюджет аялдарга жана эркектерге же гендердик теңчилик ишине канча коротуларын көрсөтөбү?",
        ),
        (
            ("Not visible at all.", "Совсем не видно.", "Такыр көрүнбөйт."),
            ("Known for one or two projects.", "Известно по одному-двум проектам.", "Бир-эки долбоор боюнча белгилүү."),
            (
                "Gender-related spending is tagged in the budget each year.",
                "Расходы, связанные с гендером, ежегодно отмечаются в бюджете.",
                "Гендерге байланыштуу чыгымдар жыл сайын бюджетте белгиленет.",
            ),
            (
                "Gender budgeting informs the allocation and is published.",
                "Гендерное бюджетирование влияет на распределение средств и публикуется.",
                "Гендердик бюджеттөө каражаттарды бөлүштүрүүгө таасир этет жана жарыяланат.",
            ),
        ),
    ),
]

# Suggested objectives: (content area, offered up to, baseline source, headcount level, target,
#   (title en, ru, ky), (description en, ru, ky), (indicator en, ru, ky), [(action en, ru, ky), ...])
SUGGESTIONS = [
    (
        "leadership",
        "established",
        "headcount",
        "management",
        40,
        (
            "More women in management and decision-making",
            "Больше женщин в руководстве и принятии решений",
            "Жетекчиликте жана чечим кабыл алууда аялдар көбүрөөк",
        ),
        (
            "Open the way for women to management posts and to the meetings where decisions are made.",
            "Открыть женщинам путь к руководящим должностям и совещаниям, где принимаются решения.",
            "Аялдарга жетекчи кызматтарга жана чечим кабыл алынган жыйындарга жол ачуу.",
        ),
        ("Share of women in management (%)", "Доля женщин в руководстве (%)", "Жетекчиликтеги аялдардын үлүшү (%)"),
        [
            (
                "Include at least one woman on every shortlist for a management post",
                "Включать хотя бы одну женщину в каждый короткий список на руководящую должность",
                "Жетекчи кызматка ар бир кыска тизмеге кеминде бир аялды киргизүү",
            ),
            (
                "Invite women heads of units to management meetings as of right",
                "Приглашать женщин-руководителей подразделений на совещания руководства по должности",
                "Бөлүм жетекчиси болгон аялдарды жетекчиликтин жыйындарына кызмат боюнча чакыруу",
            ),
        ],
    ),
    (
        "leadership",
        "developing",
        "area_score",
        "",
        60,
        (
            "A written commitment of the leadership to gender equality",
            "Письменное обязательство руководства в отношении гендерного равенства",
            "Жетекчиликтин гендердик теңчилик боюнча жазуу жүзүндөгү милдеттенмеси",
        ),
        (
            "The head signs and publishes a commitment, and reports on it every year.",
            "Руководитель подписывает и публикует обязательство и ежегодно отчитывается о нём.",
            "Жетекчи милдеттенмеге кол коюп, жарыялайт жана жыл сайын ал боюнча отчет берет.",
        ),
        (
            "Self-assessment score: leadership and decision-making",
            "Балл самооценки: руководство и принятие решений",
            "Өзүн-өзү баалоо упайы: жетекчилик жана чечим кабыл алуу",
        ),
        [
            (
                "Draft and sign an order on gender equality",
                "Подготовить и подписать приказ о гендерном равенстве",
                "Гендердик теңчилик жөнүндө буйрук даярдап, кол коюу",
            ),
            (
                "Present the commitment at a staff meeting",
                "Представить обязательство на собрании коллектива",
                "Милдеттенмени жамааттын жыйынында тааныштыруу",
            ),
        ],
    ),
    (
        "recruitment",
        "developing",
        "area_score",
        "",
        60,
        (
            "Fair recruitment, pay and promotion",
            "Справедливый найм, оплата и продвижение",
            "Адилеттүү жумушка алуу, эмгек акы жана кызматтан жогорулоо",
        ),
        (
            "Advertise every vacancy, balance selection panels and compare pay by sex.",
            "Объявлять все вакансии, формировать сбалансированные комиссии и сравнивать оплату по полу.",
            "Бардык бош орундарды жарыялоо, тең салмактуу комиссияларды түзүү жана эмгек акыны жынысы боюнча салыштыруу.",
        ),
        (
            "Self-assessment score: recruitment, pay and career progression",
            "Балл самооценки: найм, оплата и карьерный рост",
            "Өзүн-өзү баалоо упайы: жумушка алуу, эмгек акы жана карьералык өсүш",
        ),
        [
            (
                "Compare pay and bonuses of women and men in the same posts",
                "Сравнить зарплаты и премии женщин и мужчин на одинаковых должностях",
                "Бирдей кызматтагы аялдар менен эркектердин эмгек акысын жана сыйлыктарын салыштыруу",
            ),
            (
                "Put a woman on every selection panel",
                "Включить женщину в каждую конкурсную комиссию",
                "Ар бир тандоо комиссиясына аялды киргизүү",
            ),
        ],
    ),
    (
        "work_life",
        "developing",
        "area_score",
        "",
        60,
        (
            "Flexible work for women and men with care duties",
            "Гибкая работа для женщин и мужчин с обязанностями по уходу",
            "Кам көрүү милдети бар аялдар жана эркектер үчүн ийкемдүү иш",
        ),
        (
            "Write down the rules for flexible hours and the return from parental leave.",
            "Записать правила гибкого графика и возвращения из отпуска по уходу за ребёнком.",
            "Ийкемдүү иш убактысынын жана бала багуу өргүүсүнөн кайтуунун эрежелерин жазуу.",
        ),
        (
            "Self-assessment score: work-life balance and organizational culture",
            "Балл самооценки: баланс работы и жизни, организационная культура",
            "Өзүн-өзү баалоо упайы: иш менен жашоонун тең салмагы жана уюштуруу маданияты",
        ),
        [
            (
                "Adopt a written rule on flexible hours",
                "Утвердить письменное правило о гибком графике",
                "Ийкемдүү иш убактысы боюнча жазылган эрежени бекитүү",
            ),
            (
                "Hold management meetings only within working hours",
                "Проводить совещания руководства только в рабочее время",
                "Жетекчиликтин жыйындарын иш убактысында гана өткөрүү",
            ),
        ],
    ),
    (
        "gbv",
        "established",
        "area_score",
        "",
        75,
        (
            "A workplace free of sexual harassment",
            "Рабочее место без сексуальных домогательств",
            "Сексуалдык куугунтуксуз жумуш орду",
        ),
        (
            "Adopt a policy, name a confidential focal point and train everyone on it.",
            "Утвердить политику, назначить конфиденциальное контактное лицо и обучить всех.",
            "Саясатты бекитүү, купуя байланыш адамын дайындоо жана баарын окутуу.",
        ),
        (
            "Self-assessment score: gender-based violence and sexual harassment",
            "Балл самооценки: гендерное насилие и сексуальные домогательства",
            "Өзүн-өзү баалоо упайы: гендердик зомбулук жана сексуалдык куугунтук",
        ),
        [
            (
                "Adopt a policy against sexual harassment signed by every employee",
                "Утвердить политику против сексуальных домогательств, подписанную каждым сотрудником",
                "Ар бир кызматкер кол койгон сексуалдык куугунтукка каршы саясатты бекитүү",
            ),
            (
                "Name a focal point and publish how to report confidentially",
                "Назначить контактное лицо и опубликовать порядок конфиденциального обращения",
                "Байланыш адамын дайындап, купуя кайрылуу тартибин жарыялоо",
            ),
            (
                "Make a referral list of crisis centres and legal aid",
                "Составить список кризисных центров и юридической помощи для перенаправления",
                "Кризистик борборлордун жана юридикалык жардамдын жөнөтүү тизмесин түзүү",
            ),
        ],
    ),
    (
        "programmes",
        "developing",
        "area_score",
        "",
        60,
        (
            "Services and projects that reach women and men alike",
            "Услуги и проекты, одинаково доступные женщинам и мужчинам",
            "Аялдарга жана эркектерге бирдей жеткен кызматтар жана долбоорлор",
        ),
        (
            "Ask how each project affects women and men, and count who it reaches.",
            "Спрашивать, как каждый проект влияет на женщин и мужчин, и учитывать охват.",
            "Ар бир долбоор аялдарга жана эркектерге кандай таасир этерин сурап, камтууну эсептөө.",
        ),
        (
            "Self-assessment score: gender in programmes, projects and services",
            "Балл самооценки: гендер в программах, проектах и услугах",
            "Өзүн-өзү баалоо упайы: программалардагы, долбоорлордогу жана кызматтардагы гендер",
        ),
        [
            (
                "Add a short gender analysis to every new project design",
                "Добавлять краткий гендерный анализ в каждый новый проект",
                "Ар бир жаңы долбоорго кыскача гендердик талдоо кошуу",
            ),
            (
                "Count participants of every service by sex and age",
                "Учитывать участников каждой услуги по полу и возрасту",
                "Ар бир кызматтын катышуучуларын жынысы жана жашы боюнча эсептөө",
            ),
        ],
    ),
    (
        "capacity",
        "developing",
        "area_score",
        "",
        60,
        (
            "Staff who understand and apply gender equality",
            "Сотрудники, понимающие и применяющие гендерное равенство",
            "Гендердик теңчиликти түшүнгөн жана колдонгон кызматкерлер",
        ),
        (
            "Train staff and managers, and give the gender focal point time and a mandate.",
            "Обучить сотрудников и руководителей, дать контактному лицу по гендеру время и полномочия.",
            "Кызматкерлерди жана жетекчилерди окутуу, гендер боюнча байланыш адамына убакыт жана ыйгарым укук берүү.",
        ),
        (
            "Self-assessment score: capacity building and awareness",
            "Балл самооценки: развитие потенциала и информированность",
            "Өзүн-өзү баалоо упайы: потенциалды өнүктүрүү жана маалымдуулук",
        ),
        [
            (
                "Hold a gender training for all staff and managers",
                "Провести гендерный тренинг для всех сотрудников и руководителей",
                "Бардык кызматкерлер жана жетекчилер үчүн гендердик тренинг өткөрүү",
            ),
            (
                "Write the focal point's tasks into their job description",
                "Внести задачи контактного лица в его должностную инструкцию",
                "Байланыш адамынын милдеттерин анын кызматтык нускамасына киргизүү",
            ),
        ],
    ),
    (
        "structures",
        "developing",
        "area_score",
        "",
        60,
        (
            "Gender data and a budget for the plan",
            "Гендерные данные и бюджет для плана",
            "Гендердик маалыматтар жана план үчүн бюджет",
        ),
        (
            "Keep staff data by sex, review them yearly and give the plan its own budget line.",
            "Вести кадровые данные по полу, ежегодно их анализировать и выделить плану отдельную бюджетную строку.",
            "Кадрдык маалыматтарды жынысы боюнча жүргүзүү, жыл сайын талдоо жана планга өзүнчө бюджеттик сап бөлүү.",
        ),
        (
            "Self-assessment score: structures, data and monitoring",
            "Балл самооценки: структуры, данные и мониторинг",
            "Өзүн-өзү баалоо упайы: түзүмдөр, маалыматтар жана мониторинг",
        ),
        [
            (
                "Collect headcount, pay, promotions and departures by sex",
                "Собрать данные о численности, оплате, повышениях и увольнениях по полу",
                "Саны, эмгек акы, жогорулатуу жана кетүү боюнча маалыматтарды жынысы боюнча чогултуу",
            ),
            (
                "Add a budget line for the gender action plan",
                "Добавить бюджетную строку для гендерного плана действий",
                "Гендердик иш-аракеттер планы үчүн бюджеттик сап кошуу",
            ),
        ],
    ),
]

# Demo assessments: organization key -> {year: (status, levels of the 21 questions in order)}.
# Levels go up from the baseline after the plan; «Аруу-Жер» (the demo partner) has last year's validated
# baseline and this year's draft to complete; Naryn's 2026 one waits for the coordinator's validation.
ASSESSMENTS = {
    "naryn": {
        2024: ("validated", [1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0]),
        2025: ("validated", [2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 2, 1, 2, 2, 1]),
        2026: ("submitted", [2, 2, 2, 2, 2, 1, 1, 2, 1, 2, 1, 1, 2, 2, 2, 2, 2, 1, 3, 2, 1]),
    },
    "aruujer": {
        2025: ("validated", [1, 1, 2, 1, 0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 2, 3, 1, 1, 1, 0, 0]),
        2026: (
            "draft",
            [1, 2, 2, 1, 1, 1, 2, 2, None, None, None, None, None, None, None, None, None, None, None, None, None],
        ),
    },
    "karasuu": {2025: ("validated", [0, 1, 1, 1, 1, 0, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0])},
    "umut": {2025: ("validated", [2, 2, 2, 2, 2, 1, 2, 1, 2, 2, 1, 2, 3, 3, 2, 2, 2, 2, 2, 1, 1])},
    "kelechek": {2025: ("validated", [1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1])},
}
# The coordinator lowered one answer of a validated assessment, with the comment the partner sees.
OVERRIDE = {
    ("aruujer", 2025, 15): (
        2,
        "Обучение прошли не все руководители: по списку участников — 3 из 5. Уровень «внедрено» будет, когда обучатся все.",
    )
}


def _translations(field, words):
    return {f"{field}_{language}": text for language, text in zip(("en", "ru", "ky"), words, strict=True)}


def assessments_load(loader, *, organizations, users):
    """The questionnaire, the suggestions and the demo assessments that are missing (found by natural keys)."""
    from django.utils import timezone

    from assessments.models import Answer, Assessment, Question, SuggestedAction, Suggestion

    questions = []
    for order, (area, text, guidance) in enumerate(QUESTIONS):
        fields = {"content_area": area, "order": order}
        for name, words in zip(("missing", "started", "in_place", "exemplary"), guidance, strict=True):
            fields.update(_translations(name, words))
        fields.update(_translations("text", text))
        question, _ = loader.get_or_create(Question, text_en=text[0], defaults=fields)
        questions.append(question)
    for order, (area, up_to, source, level, target, title, description, indicator, actions) in enumerate(SUGGESTIONS):
        defaults = {
            "content_area": area,
            "up_to": up_to,
            "baseline_source": source,
            "headcount_level": level,
            "target_value": target,
            "order": order,
            **_translations("title", title),
            **_translations("description", description),
            **_translations("indicator", indicator),
        }
        suggestion, created = loader.get_or_create(Suggestion, title_en=title[0], defaults=defaults)
        if created:
            for index, words in enumerate(actions):
                loader.create(SuggestedAction, suggestion=suggestion, order=index, **_translations("title", words))
    coordinator = users["coordinator"]
    for key, years in ASSESSMENTS.items():
        organization = organizations[key]
        for year, (status, levels) in years.items():
            stamp = timezone.make_aware(timezone.datetime(year, 11, 20, 10))
            defaults = {"status": status}
            if status != "draft":
                defaults["submitted_at"] = stamp
            if status == "validated":
                defaults.update(validated_at=stamp, validated_by=coordinator)
            assessment, created = loader.get_or_create(
                Assessment, organization=organization, year=year, defaults=defaults
            )
            if not created:
                continue
            for index, (question, level) in enumerate(zip(questions, levels, strict=True)):
                override = OVERRIDE.get((key, year, index))
                loader.create(
                    Answer,
                    assessment=assessment,
                    question=question,
                    level=level,
                    validated_level=override[0] if override else None,
                    coordinator_comment=override[1] if override else "",
                )
