"""The demo college's courses: what each one is, who teaches it and how it can run.

Written in plain English for a reading age of about eleven, in the spirit of real Recovery
College prospectuses: kind, practical, never clinical. `experience` and `training` name the
course's teaching team (see catalogue.FACILITATORS); every run gets at least one of each."""

from dataclasses import dataclass

from . import paragraphs, ul

IN_PERSON, ONLINE, BLENDED = "in_person", "online", "blended"
MORNING, AFTERNOON, EVENING = "morning", "afternoon", "evening"

STANDARD_ACCESS = (
    "Handouts in large print or on coloured paper on request. There is a break in every session, "
    "and you can step out whenever you need to."
)


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    topics: tuple[str, ...]
    weeks: int
    summary: str
    who_it_is_for: str
    what_you_will_learn: str
    practical_tools: str
    experience: tuple[str, ...]
    training: tuple[str, ...]
    accessibility_notes: str = STANDARD_ACCESS
    formats: tuple[str, ...] = (IN_PERSON, ONLINE, BLENDED)
    times: tuple[str, ...] = (MORNING, AFTERNOON, EVENING)
    body: str = ""


COURSES = [
    Course(
        slug="introduction-to-recovery",
        title="Introduction to recovery",
        topics=("understanding-recovery",),
        weeks=4,
        summary="What does recovery mean? A friendly place to start, whether recovery is new to "
        "you or you are supporting someone else.",
        who_it_is_for=ul(
            "Anyone new to the Recovery College",
            "People living with a mental health condition",
            "Carers, friends and staff who want to understand recovery",
        ),
        what_you_will_learn=ul(
            "What recovery can mean, with or without symptoms",
            "The three keys to recovery: hope, control and opportunity",
            "How other people have found their own way forward",
        ),
        practical_tools=ul("A simple recovery map to fill in at your own pace", "A list of local groups and services"),
        experience=("Jo Whitfield", "Grace Adeyemi"),
        training=("Claire Dobson", "Dr Helen Carter"),
        body=paragraphs(
            "Many students start here. There is no test and you do not have to talk about yourself unless you want to."
        ),
    ),
    Course(
        slug="finding-hope",
        title="Finding hope",
        topics=("understanding-recovery", "peer-support"),
        weeks=3,
        summary="Hope is where recovery starts. Hear real stories and find small ways to keep hope "
        "going, even on hard days.",
        who_it_is_for=ul(
            "Anyone who is finding it hard to feel hopeful", "People who support others through hard times"
        ),
        what_you_will_learn=ul(
            "Why hope matters for recovery", "Where other people found hope", "How to notice small signs of progress"
        ),
        practical_tools=ul("A hope box: things that remind you of better days", "A three good things diary"),
        experience=("Grace Adeyemi", "Marcus Bell"),
        training=("Dr Helen Carter", "Claire Dobson"),
    ),
    Course(
        slug="sleep-well",
        title="Sleep well",
        topics=("wellbeing-and-lifestyle",),
        weeks=2,
        summary="Find out why sleep and mood are linked, and try simple changes that can help you sleep better.",
        who_it_is_for=ul(
            "Anyone who struggles to get to sleep or stay asleep",
            "People whose sleep is affected by medication, worry or shift work",
        ),
        what_you_will_learn=ul(
            "How sleep works and why it changes",
            "How mood, worry and sleep affect each other",
            "What helps and what gets in the way",
        ),
        practical_tools=ul(
            "A two-week sleep diary",
            "A wind-down routine you design yourself",
            "A breathing exercise for when you wake in the night",
        ),
        experience=("Dave Kettering", "Aisha Rahman"),
        training=("Ravi Sharma", "Nadia Hussain"),
    ),
    Course(
        slug="building-confidence",
        title="Building confidence",
        topics=("life-skills",),
        weeks=4,
        summary="Understand where low confidence comes from and take small, steady steps to feel "
        "more sure of yourself.",
        who_it_is_for=ul(
            "Anyone who would like to feel more confident day to day",
            "People getting ready for a new start, like a course, a group or a job",
        ),
        what_you_will_learn=ul(
            "What confidence and self-esteem are",
            "How unkind thoughts about ourselves keep us stuck",
            "How to set goals small enough to reach",
        ),
        practical_tools=ul(
            "A step-by-step goal ladder",
            "A way to catch and question unkind thoughts",
            "A list of your strengths, written with others",
        ),
        experience=("Aisha Rahman", "Marcus Bell"),
        training=("Ravi Sharma", "Dr Helen Carter"),
    ),
    Course(
        slug="understanding-anxiety",
        title="Understanding anxiety",
        topics=("living-with-a-mental-health-condition",),
        weeks=4,
        summary="Learn what anxiety is, why it happens and what can help when worry or panic takes over.",
        who_it_is_for=ul(
            "People who live with anxiety, worry or panic",
            "Family, friends and staff who want to understand anxiety better",
        ),
        what_you_will_learn=ul(
            "What happens in the body and mind when we feel anxious",
            "Why avoiding things can make anxiety grow",
            "Different kinds of help, from self-help to talking therapies",
        ),
        practical_tools=ul(
            "Calm breathing and grounding exercises",
            "A worry time plan",
            "A small-steps plan for facing something you avoid",
        ),
        experience=("Aisha Rahman", "Jo Whitfield"),
        training=("Dr Helen Carter", "Claire Dobson"),
    ),
    Course(
        slug="managing-stress",
        title="Managing stress",
        topics=("wellbeing-and-lifestyle",),
        weeks=3,
        summary="Spot your own signs of stress early and build a toolkit of things that help you cope.",
        who_it_is_for=ul("Anyone who feels under pressure at home, at work or in caring"),
        what_you_will_learn=ul(
            "What stress is and how it affects us",
            "Your own early warning signs",
            "The difference between things we can and cannot change",
        ),
        practical_tools=ul("A personal stress bucket", "Quick relaxation exercises", "A weekly balance planner"),
        experience=("Dave Kettering", "Marcus Bell"),
        training=("Kate Linley", "Ravi Sharma"),
    ),
    Course(
        slug="understanding-depression",
        title="Understanding depression",
        topics=("living-with-a-mental-health-condition",),
        weeks=4,
        summary="A gentle look at depression: what it is, how it can feel and the many things that can help.",
        who_it_is_for=ul("People who live with low mood or depression", "Anyone supporting someone with depression"),
        what_you_will_learn=ul(
            "Common signs of depression and how it can affect daily life",
            "How activity, sleep and connection affect mood",
            "Treatments and support in Oxfordshire",
        ),
        practical_tools=ul(
            "An activity and mood diary",
            "A plan for small, doable activities",
            "Ideas for what to say when you ask for help",
        ),
        experience=("Marcus Bell", "Grace Adeyemi"),
        training=("Claire Dobson", "Dr Helen Carter"),
    ),
    Course(
        slug="healthy-eating-on-a-budget",
        title="Healthy eating on a budget",
        topics=("wellbeing-and-lifestyle", "work-and-money"),
        weeks=1,
        summary="Simple, cheap meals that are good for body and mind. A relaxed, hands-on workshop with tasting.",
        who_it_is_for=ul("Anyone who wants to eat well without spending a lot", "People cooking for one"),
        what_you_will_learn=ul(
            "How food can affect mood and energy",
            "How to plan a week of meals",
            "Cheap swaps and easy store-cupboard recipes",
        ),
        practical_tools=ul(
            "A one-week meal planner", "A booklet of five-ingredient recipes", "A shopping list template"
        ),
        experience=("Dave Kettering", "Lorna McBride"),
        training=("Nadia Hussain",),
        accessibility_notes=STANDARD_ACCESS + " Please tell us about any allergies before the day.",
        formats=(IN_PERSON, ONLINE),
    ),
    Course(
        slug="walking-for-wellbeing",
        title="Walking for wellbeing",
        topics=("creative-and-active", "wellbeing-and-lifestyle"),
        weeks=6,
        summary="Gentle group walks of about an hour, with time to chat and a hot drink at the "
        "end. Everyone walks at their own pace.",
        who_it_is_for=ul(
            "Anyone who would like to get outdoors and meet new people", "People who have not exercised for a while"
        ),
        what_you_will_learn=ul(
            "How gentle movement helps mood and sleep",
            "Local routes you can walk on your own or with friends",
            "How to keep going after the course ends",
        ),
        practical_tools=ul(
            "Maps of three local walks", "A simple step-count challenge", "Details of free local walking groups"
        ),
        experience=("Dave Kettering", "Tom Ashby"),
        training=("Ravi Sharma",),
        accessibility_notes="Routes are mostly flat and on paths, with benches along the way. "
        "Wear comfortable shoes. We meet at the venue and walk from there.",
        formats=(IN_PERSON,),
        times=(MORNING,),
    ),
    Course(
        slug="caring-for-someone",
        title="Caring for someone with a mental health condition",
        topics=("carers-and-supporters",),
        weeks=4,
        summary="For family, friends and carers: understand what your loved one is going through, "
        "and how to look after yourself too.",
        who_it_is_for=ul(
            "Family members, partners and friends who support someone", "Young adult carers aged 18 and over"
        ),
        what_you_will_learn=ul(
            "Common mental health conditions in plain words",
            "How to talk when things are hard",
            "Your rights as a carer and where to get support",
        ),
        practical_tools=ul(
            "A carer's support plan", "Tips for difficult conversations", "A list of carers' groups in Oxfordshire"
        ),
        experience=("Lorna McBride",),
        training=("Claire Dobson", "Dr Helen Carter"),
    ),
    Course(
        slug="getting-back-to-work",
        title="Getting back to work",
        topics=("work-and-money",),
        weeks=4,
        summary="Thinking about work or volunteering? Explore your options, your rights and how to "
        "look after your wellbeing at work.",
        who_it_is_for=ul(
            "Anyone thinking about paid work, study or volunteering", "People who are off sick and planning a return"
        ),
        what_you_will_learn=ul(
            "What kinds of work might suit you",
            "Your rights, including reasonable adjustments",
            "Whether and how to tell an employer about your mental health",
        ),
        practical_tools=ul("A skills and strengths list", "A wellness at work plan", "Help with a CV or application"),
        experience=("Marcus Bell", "Grace Adeyemi"),
        training=("Fiona Grant",),
    ),
    Course(
        slug="money-and-wellbeing",
        title="Money and wellbeing",
        topics=("work-and-money",),
        weeks=2,
        summary="Money worries and mental health often go together. Learn about benefits, debt "
        "and simple budgeting, with no judgement.",
        who_it_is_for=ul(
            "Anyone worried about money, bills or debt", "People claiming, or thinking of claiming, benefits"
        ),
        what_you_will_learn=ul(
            "How money and mood affect each other",
            "The main benefits and how to claim them",
            "Where to get free, trusted debt advice",
        ),
        practical_tools=ul(
            "A simple budget planner", "A letter template for creditors", "A list of free advice services"
        ),
        experience=("Dave Kettering", "Lorna McBride"),
        training=("Ben Taylor",),
    ),
    Course(
        slug="wellness-recovery-action-planning",
        title="Wellness Recovery Action Planning (WRAP)",
        topics=("understanding-recovery",),
        weeks=6,
        summary="Build your own WRAP: a plan for staying well, noticing when things change and "
        "getting the support you want.",
        who_it_is_for=ul(
            "Anyone who would like a plan for their own wellbeing",
            "People who have done Introduction to recovery and want to go further",
        ),
        what_you_will_learn=ul(
            "Your wellness toolbox: things that keep you well",
            "Triggers and early warning signs",
            "How to tell others what helps you when things get hard",
        ),
        practical_tools=ul("Your own written WRAP", "A daily maintenance plan"),
        experience=("Jo Whitfield", "Grace Adeyemi"),
        training=("Claire Dobson", "Ravi Sharma"),
    ),
    Course(
        slug="introduction-to-mindfulness",
        title="An introduction to mindfulness",
        topics=("wellbeing-and-lifestyle",),
        weeks=4,
        summary="Try short, simple mindfulness practices to help you notice the moment, slow down "
        "and be kinder to your mind.",
        who_it_is_for=ul("Anyone curious about mindfulness", "People who find their thoughts race or get stuck"),
        what_you_will_learn=ul(
            "What mindfulness is, and what it is not", "How to practise in everyday moments", "How to make it a habit"
        ),
        practical_tools=ul("Short recorded practices to use at home", "A three-minute breathing space"),
        experience=("Aisha Rahman", "Tom Ashby"),
        training=("Kate Linley",),
        accessibility_notes=STANDARD_ACCESS + " You can sit on a chair, lie down or move about: "
        "whatever is comfortable.",
    ),
    Course(
        slug="self-compassion",
        title="Being kinder to yourself: self-compassion",
        topics=("wellbeing-and-lifestyle",),
        weeks=3,
        summary="Many of us are our own harshest critic. Learn to treat yourself with the kindness "
        "you would show a friend.",
        who_it_is_for=ul("Anyone who is hard on themselves", "People living with shame, guilt or self-criticism"),
        what_you_will_learn=ul(
            "What self-compassion is, and why it is not selfish",
            "How the inner critic works",
            "Kind ways to respond to yourself",
        ),
        practical_tools=ul("A self-compassion break", "A letter to yourself from a kind friend"),
        experience=("Grace Adeyemi", "Aisha Rahman"),
        training=("Kate Linley", "Dr Helen Carter"),
    ),
    Course(
        slug="living-with-voices",
        title="Living with voices",
        topics=("living-with-a-mental-health-condition", "peer-support"),
        weeks=5,
        summary="A safe space to explore hearing voices and other unusual experiences, and ways of "
        "living well with them.",
        who_it_is_for=ul(
            "People who hear voices or have other unusual experiences",
            "Family, friends and staff who want to understand",
        ),
        what_you_will_learn=ul(
            "Different ways of understanding voices",
            "How other voice hearers cope",
            "How to find hearing voices groups",
        ),
        practical_tools=ul("A voices diary", "Coping strategies to try", "A list of local and online groups"),
        experience=("Tom Ashby",),
        training=("Dr Helen Carter", "Claire Dobson"),
    ),
    Course(
        slug="understanding-bipolar",
        title="Understanding bipolar",
        topics=("living-with-a-mental-health-condition",),
        weeks=4,
        summary="Understand the highs and lows of bipolar, and find ways to notice changes early and keep well.",
        who_it_is_for=ul("People living with bipolar, diagnosed or not", "Family, friends and carers"),
        what_you_will_learn=ul(
            "What bipolar is and how it can feel",
            "Mood patterns and early warning signs",
            "Treatment, self-management and support",
        ),
        practical_tools=ul("A mood chart", "A relapse prevention plan"),
        experience=("Jo Whitfield",),
        training=("Claire Dobson",),
    ),
    Course(
        slug="creative-writing-for-wellbeing",
        title="Creative writing for wellbeing",
        topics=("creative-and-active",),
        weeks=5,
        summary="Play with words in a relaxed group. No experience needed, and you never have to read your work out.",
        who_it_is_for=ul(
            "Anyone who enjoys words, or would like to try", "People who find it hard to say how they feel"
        ),
        what_you_will_learn=ul(
            "Simple ways to start writing",
            "How writing can help us make sense of things",
            "How to keep a journal going",
        ),
        practical_tools=ul("A pocket notebook and a set of writing prompts", "A journal routine that fits your day"),
        experience=("Tom Ashby", "Lorna McBride"),
        training=("Ravi Sharma", "Kate Linley"),
    ),
    Course(
        slug="peer-support-skills",
        title="Peer support skills",
        topics=("peer-support",),
        weeks=6,
        summary="Learn how to use your own lived experience to support others safely, in groups, "
        "volunteering or paid peer roles.",
        who_it_is_for=ul(
            "People with lived experience of mental ill-health who want to support others",
            "People thinking about becoming a peer support worker",
        ),
        what_you_will_learn=ul(
            "What peer support is and why it works",
            "Listening skills and sharing your story safely",
            "Looking after yourself and keeping boundaries",
        ),
        practical_tools=ul(
            "A listening skills checklist",
            "A plan for sharing your story",
            "Information on local peer roles and training",
        ),
        experience=("Grace Adeyemi", "Jo Whitfield"),
        training=("Fiona Grant", "Claire Dobson"),
        formats=(IN_PERSON, BLENDED),
    ),
    Course(
        slug="keeping-safe-and-crisis-planning",
        title="Keeping safe: planning for a crisis",
        topics=("living-with-a-mental-health-condition", "understanding-recovery"),
        weeks=2,
        summary="Make a plan, while you are feeling well, for what helps and who to contact if things get very hard.",
        who_it_is_for=ul(
            "Anyone who has felt, or worries about feeling, in crisis",
            "Carers who want to support a loved one's safety plan",
        ),
        what_you_will_learn=ul(
            "What a crisis can look like for different people",
            "Crisis support in Oxfordshire, day and night",
            "How to share your plan with people you trust",
        ),
        practical_tools=ul("Your own safety plan", "A wallet card with numbers to call"),
        experience=("Jo Whitfield", "Marcus Bell"),
        training=("Claire Dobson",),
        accessibility_notes=STANDARD_ACCESS + " This course talks about difficult feelings. "
        "A facilitator is always free to talk with you in a break.",
    ),
    Course(
        slug="understanding-anger",
        title="Understanding anger and frustration",
        topics=("living-with-a-mental-health-condition",),
        weeks=3,
        summary="Anger is a normal feeling. Learn what sets it off and how to respond in ways that work for you.",
        who_it_is_for=ul("Anyone who finds anger or frustration hard to manage", "People who tend to bottle things up"),
        what_you_will_learn=ul(
            "What anger is for and what it feels like in the body",
            "Your own triggers and patterns",
            "Ways to cool down and speak up",
        ),
        practical_tools=ul("An anger thermometer", "A time-out plan", "Assertive phrases to practise"),
        experience=("Marcus Bell", "Dave Kettering"),
        training=("Dr Helen Carter", "Ravi Sharma"),
    ),
    Course(
        slug="digital-skills-for-wellbeing",
        title="Digital skills for wellbeing",
        topics=("life-skills",),
        weeks=3,
        summary="Get more confident online: video calls, booking appointments, and apps and "
        "websites that support wellbeing.",
        who_it_is_for=ul(
            "Anyone who finds phones, tablets or computers confusing",
            "People who want to join online courses and groups",
        ),
        what_you_will_learn=ul(
            "How to join a video call", "How to use the NHS App", "How to stay safe online and take breaks from screens"
        ),
        practical_tools=ul("A step-by-step video call guide", "A list of trusted wellbeing websites and apps"),
        experience=("Lorna McBride", "Tom Ashby"),
        training=("Ravi Sharma", "Fiona Grant"),
        accessibility_notes=STANDARD_ACCESS + " Bring your own phone or tablet if you have one; "
        "we have some to borrow.",
        formats=(IN_PERSON, BLENDED),
    ),
    Course(
        slug="housing-and-tenancy",
        title="Housing and tenancy know-how",
        topics=("life-skills", "work-and-money"),
        weeks=2,
        summary="Know your rights and responsibilities as a tenant, and where to get help if your home is at risk.",
        who_it_is_for=ul(
            "Tenants, and people looking for somewhere to live",
            "Anyone worried about rent, repairs or losing their home",
        ),
        what_you_will_learn=ul(
            "Tenancy basics: rent, repairs and deposits",
            "Help with housing costs",
            "What to do if you get a notice to leave",
        ),
        practical_tools=ul("A tenancy checklist", "A repairs request letter template"),
        experience=("Dave Kettering",),
        training=("Ben Taylor",),
    ),
    Course(
        slug="looking-after-yourself-as-a-carer",
        title="Looking after yourself as a carer",
        topics=("carers-and-supporters", "wellbeing-and-lifestyle"),
        weeks=1,
        summary="A calm session for carers to pause, share and plan some time for themselves.",
        who_it_is_for=ul("Anyone who cares for or supports someone else"),
        what_you_will_learn=ul(
            "Signs of carer stress and burnout", "How to ask for and accept help", "Local breaks and support for carers"
        ),
        practical_tools=ul("A self-care plan for carers", "A relaxation exercise to take home"),
        experience=("Lorna McBride",),
        training=("Kate Linley", "Nadia Hussain"),
    ),
]
