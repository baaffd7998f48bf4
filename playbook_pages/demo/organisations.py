"""Organisations and themes the demo pages refer to, keyed by a short name.

Real organisations carry only facts from the design card (who took part, in what
role). The case-study organisations are invented: their names end in "(example)" and
their descriptions say so, because the sources do not name the partners who piloted
the tools.
"""

COMPANY = "company"
NON_PROFIT = "non_profit"
SOCIAL_ENTERPRISE = "social_enterprise"
GOVERNMENT = "government"
FUNDER = "funder"
ACADEMIC = "academic"

ORGANISATIONS = {
    # The playbook's publisher and the partners who helped shape it.
    "raf-lab": {
        "name": "Mastercard Foundation Rural and Agricultural Finance Learning Lab",
        "kind": FUNDER,
        "country": "Kenya",
        "website": "https://mastercardfdn.org",
        "description": "A learning programme of the Mastercard Foundation that helped "
        "partners in rural and agricultural finance learn from their own work. It "
        "published the Dynamic Learning Playbook.",
    },
    "dalberg-design": {
        "name": "Dalberg Design",
        "kind": COMPANY,
        "country": "Global",
        "website": "https://dalberg.com",
        "description": "The human-centred design team of the Dalberg group. It co-designed "
        "the playbook's solutions with the Learning Lab and its partners.",
    },
    "agra": {
        "name": "AGRA",
        "kind": NON_PROFIT,
        "country": "Kenya",
        "website": "https://agra.org",
        "description": "An African-led organisation working to grow smallholder farming. "
        "It contributed experience to the playbook's content.",
    },
    "caribou": {
        "name": "Caribou Digital",
        "kind": COMPANY,
        "country": "United Kingdom",
        "website": "https://www.cariboudigital.net",
        "description": "A research and advisory firm on digital economies in emerging "
        "markets. It contributed experience to the playbook's content.",
    },
    "icco": {
        "name": "ICCO Cooperation",
        "kind": NON_PROFIT,
        "country": "Netherlands",
        "description": "A development organisation that worked with farmers and small "
        "businesses. It contributed experience to the playbook's content.",
    },
    "kcb": {
        "name": "Kenya Commercial Bank",
        "kind": COMPANY,
        "country": "Kenya",
        "website": "https://kcbgroup.com",
        "description": "A commercial bank in East Africa with an agricultural lending "
        "business. It contributed experience to the playbook's content.",
    },
    "kiva": {
        "name": "Kiva",
        "kind": NON_PROFIT,
        "country": "United States",
        "website": "https://www.kiva.org",
        "description": "A non-profit that crowdfunds loans for people and small businesses "
        "underserved by banks. It contributed experience to the playbook's content.",
    },
    "frp": {
        "name": "Mastercard Foundation Fund for Rural Prosperity",
        "kind": FUNDER,
        "country": "Africa",
        "description": "A challenge fund of the Mastercard Foundation backing financial "
        "services for rural people. It contributed experience to the playbook's content.",
    },
    "one-acre-fund": {
        "name": "One Acre Fund",
        "kind": NON_PROFIT,
        "country": "Kenya",
        "website": "https://oneacrefund.org",
        "description": "A non-profit that supplies smallholder farmers with finance, inputs "
        "and training. It contributed experience to the playbook's content.",
    },
    "agdevco": {
        "name": "AgDevCo",
        "kind": SOCIAL_ENTERPRISE,
        "country": "United Kingdom",
        "website": "https://www.agdevco.com",
        "description": "An investor in African agribusiness. It took part in a webinar "
        "about the playbook.",
    },
    # The alliance: its convenor and organisations seen in its working groups.
    "mit-d-lab": {
        "name": "MIT D-Lab",
        "kind": ACADEMIC,
        "country": "United States",
        "website": "https://d-lab.mit.edu",
        "description": "A programme at the Massachusetts Institute of Technology that "
        "works with people in poverty to design affordable solutions. It convened the "
        "Practical Impact Alliance and facilitated its learning labs.",
    },
    "danone": {"name": "Danone", "kind": COMPANY, "country": "France"},
    "world-vision": {"name": "World Vision", "kind": NON_PROFIT, "country": "Global"},
    "world-vision-colombia": {
        "name": "World Vision Colombia",
        "kind": NON_PROFIT,
        "country": "Colombia",
        "description": "World Vision's office in Colombia; co-host of the 2017 Co-Design Summit.",
    },
    "c-innova": {
        "name": "C-Innova",
        "kind": NON_PROFIT,
        "country": "Colombia",
        "description": "A Colombian centre for community innovation; co-host of the 2017 "
        "Co-Design Summit.",
    },
    "mercy-corps": {"name": "Mercy Corps", "kind": NON_PROFIT, "country": "Global"},
    "greenlight": {"name": "Greenlight Planet", "kind": SOCIAL_ENTERPRISE, "country": "Global"},
    "philips": {"name": "Philips", "kind": COMPANY, "country": "Netherlands"},
    "ajinomoto": {"name": "Ajinomoto", "kind": COMPANY, "country": "Japan"},
    "usaid": {
        "name": "USAID",
        "kind": GOVERNMENT,
        "country": "United States",
        "description": "The United States Agency for International Development. Its "
        "Learning Lab publishes the Collaborating, Learning and Adapting (CLA) toolkit.",
    },
    "sc-johnson": {"name": "SC Johnson", "kind": COMPANY, "country": "United States"},
    "siemens-stiftung": {
        "name": "Siemens Stiftung",
        "kind": FUNDER,
        "country": "Germany",
        "description": "A foundation that worked with the alliance on the Technology "
        "Transfer in Action learning lab.",
    },
    "greif": {"name": "Greif", "kind": COMPANY, "country": "United States"},
    "grameen-foundation": {"name": "Grameen Foundation", "kind": NON_PROFIT, "country": "Global"},
    "pact": {"name": "Pact", "kind": NON_PROFIT, "country": "Global"},
    "jnj": {"name": "Johnson & Johnson", "kind": COMPANY, "country": "United States"},
    "intellecap": {"name": "Intellecap", "kind": COMPANY, "country": "India"},
    "blood-orange": {"name": "Blood Orange", "kind": COMPANY, "country": ""},
    "phosboucraa": {
        "name": "Phosboucraa Foundation",
        "kind": FUNDER,
        "country": "Morocco",
        "description": "A foundation in southern Morocco; co-host of the 2018 Co-Design "
        "Summit in Laâyoune on youth entrepreneurship.",
    },
    # Invented organisations for the illustrative case studies and partner tools.
    "tumaini": {
        "name": "Tumaini Rural Finance (example)",
        "kind": SOCIAL_ENTERPRISE,
        "country": "Kenya",
        "description": "An invented agricultural lender used in the demo case studies. "
        "It stands for the kind of partner that piloted the playbook's tools.",
    },
    "mavuno": {
        "name": "Mavuno Farmer Services (example)",
        "kind": NON_PROFIT,
        "country": "Tanzania",
        "description": "An invented farmer-support organisation used in the demo case studies.",
    },
    "kijani": {
        "name": "Kijani Pay (example)",
        "kind": COMPANY,
        "country": "Uganda",
        "description": "An invented digital payments company used in the demo case studies.",
    },
    "savannah-union": {
        "name": "Savannah Growers' Cooperative Union (example)",
        "kind": NON_PROFIT,
        "country": "Ghana",
        "description": "An invented union of producer cooperatives used in the demo case studies.",
    },
    "kafue-agro": {
        "name": "Kafue Agro-Dealer Network (example)",
        "kind": SOCIAL_ENTERPRISE,
        "country": "Zambia",
        "description": "An invented network of rural input shops used in the demo case studies.",
    },
    "imbuto": {
        "name": "Imbuto Crop Cover (example)",
        "kind": COMPANY,
        "country": "Rwanda",
        "description": "An invented agricultural insurer used in the demo case studies.",
    },
}

THEMES = {
    "intentional-learning": (
        "Intentional learning",
        "Learning with goals that direct it and systems that turn it into action.",
    ),
    "leadership": ("Leadership", "How leaders ask for, fund and model learning."),
    "learning-culture": (
        "Learning culture",
        "Norms that make it safe and normal to question, admit mistakes and share.",
    ),
    "learning-structures": (
        "Learning structures",
        "Goals, roles, routines and budgets that give learning a place in the work.",
    ),
    "knowledge-processes": (
        "Knowledge processes",
        "How insights are captured, analysed, shared and used in decisions.",
    ),
    "measuring-impact": ("Measuring impact", "Knowing whether and how work changes lives."),
    "co-design": (
        "Co-design",
        "Designing with the people who will use a product or service, not only for them.",
    ),
    "partnerships": (
        "Partnerships",
        "Companies, non-profits, governments and communities working towards shared goals.",
    ),
    "scaling": ("Scaling", "Taking what worked in a pilot to many more people."),
    "food-loss": ("Food loss and waste", "Food that is lost between the field and the plate."),
    "recycling": (
        "Inclusive recycling",
        "Recycling systems that give waste pickers fair and safe work.",
    ),
    "distribution": (
        "Last-mile distribution",
        "Getting products to customers with low incomes in remote or crowded places.",
    ),
    "technology-transfer": (
        "Technology transfer",
        "Adapting a proven technology so that a new place can own and run it.",
    ),
    "innovation-ecosystems": (
        "Innovation ecosystems",
        "The people, organisations and rules that help local innovators start and grow.",
    ),
    "business-training": (
        "Business training",
        "Training that helps small entrepreneurs run and grow their businesses.",
    ),
    "youth-entrepreneurship": (
        "Youth entrepreneurship",
        "Helping young people start enterprises of their own.",
    ),
    "agricultural-finance": (
        "Agricultural finance",
        "Loans, savings, insurance and payments for farmers and rural businesses.",
    ),
    "health": ("Health", "Services and products that keep people healthy."),
}
