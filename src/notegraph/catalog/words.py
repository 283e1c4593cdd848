"""Word lists shared by the catalog generator (which names to guard) and the matcher (which tokens
may be fuzzy-matched): common words that product names borrow."""

import functools

__all__ = ["COMMON_WORDS", "COMMON_JA", "BRAND_WORDS", "Lexicon"]

# Common English words (and a few first names / myth names) that product names borrow. A name made
# only of these words is guarded. Written by hand for this catalog: only words that occur as
# catalog names or parts of them are worth listing.
COMMON_WORDS = frozenset("""
a about access account accelerator accordion act action actions adapter adapters admin admiral advisor
agency agenda agent agents agile agreement airlock all alliance allies alpha ambassador ambient
american amplify an analytics analyzer and any anywhere apollo app application applications apps
approval architect architected archived ark arm armada armor arrow artifact artificial artisans as
assembly association at athena attribute audit augment augmented authority auto automation
availability awesome backend backlog backstage backup balancer balancing bamboo bank basic batch
beam bear beat beats bees bell bench benefits better betting billing bin bird bit black block blue
boundary box brain bravo brew bricks bridge brigade broker browser bucket budget budgets buff build
builder building bullet bun bunker burner business by byte cable cache calculator camel campaign
campaigns capabilities capital capsule car carbon cardinal cargo carver cases castle catalog catalyst
cause central certificate certified chain channel channels chaos charmed chase chat chatbot check
chef chime city class classic clean clever click client clockwork cloud cluster clusters code coder
coffee collider comb commerce commit common community compact company component compose comprehend
computer computing concourse conductor confidential confluence config connect connections connector
console consul consulting contact contacts container containers continuous continuum contour control
convert core corporation cortex cost crew crystal cube cubed curve custodian customer cyber cypress
daemon dart dashboard dashboards data database days deadline decimal deep deeper defense definition
delivery delta deploy deployer deployment depot desktop detective detector dev development device
devs diagrams digital direct directory disaster discovery disk distributed distribution docs doctor
domain domains dragonfly druid duck duel duty easy echo eclipse ecosystem edge education elastic
elemental eleven elm email embrace emissary end energy engine engineering enterprise entitlement
entity envoy environment equipment eraser eval evaluation event events ever everest exchange
experience explorer export exports express extended extension external fabric factor factory falcon
family fancy farm fault feature federal field file files finance financial firecracker firehose
firewall fish fisher fitness fixed flag flask fleet flow fluid flutter flux for forecast foresight
formal formation fort forth foundation foundry fox framework fraud free fresh from front frontend
frontier function functions fuse gadget galaxy game gaming garden gardener gas gate gateway gear
generation genie geometry giant glacier global glue go golden goose grain graph graphite green grey
grid ground group groups grunt guard guardian guidance gulp guru gurus guys habitat hammer harbor hare
harmony harness hat hawk health helix helm hero high holding homebrew house hub hubs hugo hunter hush
hydra icon identity ignite image imaging import in incident incidents index inference info
information ingestion ingress initiative injection innovation insights inspector instance instances
institute instructor integrations intelligence intelligent interaction interactive intercept
interchange interconnect interface internet into invoicing ion is it jasmine jest job jobs julia
karma keep kernel key keys kind king kiosk kit lab labs lake lambda language lattice launch layer
leader lean learning lex library license lifecycle lift lightning like limited line linked list lite
live load location log logging logic logs lookout lookup lord lunar machine mail maker managed
management manager map maps marketing marketplace martin mask master masters match max maze
measurement mechanical media medical meetings membrane memory mercury mesh message messaging meta
metal metering metrics micro middleware migration mind minds mini mirror mist mobile mocha model
models monitor monitoring monkey moon more morgan motor multi my nature native near nebula nectar net
network networking networks neptune new next nim no node not notary note notebooks notification
notifications notion nova object objective observe obsidian ocean of on one open operations operator
ops optics optimization optimizer or orbit orca orchestrator organizations our out outlines outposts
over pack package packer pal palette parallel parameter parcel partner partners party pay payment
payments per perfect performance persistent personalize pig pike pilot pip pipeline pipelines pipes
places plan plane planet plans platform playwright plural poetry point polar policy polly pony pool
port porter post power powerful preview price pricing private pro prodigy profiler profiles progress
project protocol proton prover provider proxy public puppet puppeteer pure puzzle quality quantum
query queue quick quota quotas quote rabbit radar radius rails rapid ray react reactive reader
readiness real reason recommended recovery recycle red refactor region regional registry relational
relax reply report reporting repository research resilience resolution resolve resolver resource
response retail revenue reviewer ride ripple river robin robot rock rocks roles rollup rook rooms root
route router routes routing royal ruby run runner runtime runtimes rust rye sage sail salt sam sand
sandbox savings scalable scalar scale scaling scan schedule scheduler schema schemas scheme science
sciences scientific scope score scout screwdriver scribe script sea seal search second secrets secure
security semantic semaphore sentinel sentry server serverless service services session set settings
shading shake sharding shell shield shift sidekick sight sign signal signaling signals signer simple
simulator single skipper sky slack slice slim slime snow snowball snowflake social society soft
software solution solutions source space spaces spark speed sphere spice spider spin split spot
spring squash stack stadium standard stanley star start stash state stateful station stellar step
stone storage store storm strategic strategy stream streaming streams studio studios super supply
support sustainability swarm sweet swift switch synthetic synthetics system systems table tables
tailor talk tap tax team tech technologies technology telemetry tempo temporal text than the theory
thin things threat ticket tier timber time times tiny to token tom tool toolbox toolkit tools topaz
torch tower traffic trail train training transcribe transfer translate traversal trend true trusted
tunnel tunneling turk type typhoon ultimate unified up update usage use user valve vault vaults
vector vectors velocity verified via video virtual visual voice volcano walking wand watch way
waypoint we weave web weight well when white wind windows wire wireless wisdom with wizard work worker
workers workflow workspaces write yarn yoke you your zero zone zoo zoom
alpine angular asana atlantis babel bootstrap chalice composer copilot cursor curl discord make mermaid
pandas postman prettier renovate selenium storybook stripe sublime swagger teams
canonical dataset replicated unstructured
ada alphabet berry boa boo cedar chapel clay cumulus cypher fission firefly flannel foreman gremlin hatchet
hedgehog indeed kilo kraken lasso limbo litmus logos lovable lunatic maple monocle nix nomad octave ozone
passage pawn picnic pixie pluto pointless posit prefect presto pulsar quay racket ratify rudder salad sigma
silver slash strands tact tailwind teller tilt tremor trickster unleash vagrant vim vineyard wren yonder
""".split())

# Ordinary words inside the names of the wider sources (simple-icons brands, AWS icon names) that
# COMMON_WORDS lacks. Derived once, not by hand, and frozen here so that the generator needs no extra
# package: every word (3+ letters) of a simple-icons name or an AWS icon name that is an English
# dictionary word (english-words 2.0.2, web2 + gcide) or a first name (gender-guesser 0.4.0), and
# common in running English text (wordfreq 3.1.1 Zipf frequency >= 3.0). A brand or derived AWS name
# made only of COMMON_WORDS and BRAND_WORDS is guarded (or, for an uncurated one-word brand, dropped);
# see build.is_common_name. Names already in the catalog keep the older, narrower rule. Added by hand:
# shortcut (newer than the dictionary).
BRAND_WORDS = frozenset("""
shortcut
abstract abuse academy acer activate actual addict address administrator advanced advent aegis affinity air
airflow alarm albert album alchemy alert alexa alfred allied alternate alto amazon america amp ana analogue
analyze android animal animation anime answer ant apache apple appliance aqua arc arcade arch archive argos
aspire asset assistant asterisk aston astra astral astro atlantic attachment attack attention audacity audible
audio aurora await axis babylon backbone bad balance base baseball based bash bat battle bedrock been beijing
bicycle big billboard blackberry blade blender blending blueprint bmw board boat bob bohemia booking bookmark
boost boot boots boring bosch bose bot bounty bower brave breaker british broadcasting bruno buddy buffer bug
bull bundle bunny burton bus buy cadillac cairo cal calendar calibre camera canada canadian candle canvas
capacitor cardboard carlton carrier cart cartel cash cassandra cast caterpillar cbc celery center
certification chai chakra chan chandelier change charles chart che chess chia chicken china chip chrome
chronicle cinema cinnamon circle cisco classroom claude clerk climate club clubhouse cobalt coca cockpit
cockroach cola cold collective collector comma command commission commodore commons communication compiler
compliance compulsory compute conan conformity connection construct content context contributor controller
conventional conversation converter convex cooler copa cora corona corporate counter covenant craft craftsman
crate crayon create creative critical cucumber culture custom cycling daily dark das dash date dear deck
default defender dell deluge dense dependency des design desired detection developer diaspora dictionary
discourse discover display distributor division doctrine document dolphin door doris draw dre drive drizzle
drone dungeon dynamo eagle earth eastern eat eats edit editor effect eight electric electron electronic
electronics element elementary elixir elk embark embedded emergency encrypted encryption entertainment epic
esoteric ethiopian european every evidently extract face fandom fathom fauna fedora fiat fiddle fig filament
filtering fin finding fire first flat flexible flood flower fluent fluke fly focus folder font ford forge fork
form fossil frame france francisco freelancer fried frigate fritz frost fur furry gag gemini general generic
genius geometric ghost gin git glance glass glide glitch globe gnome gnu google governance grab grand graphics
greasy great greenhouse groovy guitar gusto gym hack hacker hacking hal handshake hardware haskell have
headless headphone hearth helium help here hermes heroic hey hierarchy hilton hive hockey hold hole home honda
honey honor hook horizon hue hugging humble humidity hungry hunt hybrid hyper hypothesis iced iceland ide idea
immersive impress impulse india indian indigo industrial inertia infrastructure ink insomnia inspire install
instant integration inter international inventory invoice ionic iris irish itch item jack jameson japan jeep
jenkins jet jetty john jolt jordan journey jpeg judge jules jungle juniper just kali keeper kendra kentucky
keystone khan kia kick kids kimi kingston kirby known kodak lang last latex launcher lazarus leaflet league
learn legacy legal lemon lending lens leroy les less let light lighthouse linear link lion lisp lit literal
local lock locust logo london long loom loop loot lot lucia lucid ludwig lumen lydia macy madrid magazine
magic mailbox maintenance major mal malt man manga manipulation maria markup mate material math matic matrix
matter maya mazda medium medusa meet mega mentor merlin mes messenger meteor mighty mint mix mock modal
modernization money monica monster moo morris moscow movie multiple municipal mural music national nearby neo
neon neuron news nike ninja nissan nitro noise noon nordic normalize north norton norwegian notebook noun now
nucleus nuke observable octane october octopus oculus odin office online opera optimism oracle orange orchard
organic organization organizational origin otto outline overcast overflow own oxygen paddle paddy page paint
palo pandora panel panorama pantheon papers paradigm paradox paramount paris parity parrot passport password
patch paulo payback payload peak pegasus pelican penny percy phoenix photon pia picard pine pinpoint pioneer
pivotal place planetary plasma plausible play player plume plus pocket poe police polish poly polygon polymer
pond pop portable portal pot premier prevention privacy product productivity professional program progressive
prometheus protection proto pub publisher pug puma python quad quest question racer rad radiant radio rail
railway ram rancher raspberry read recipe recoil recover refine refined reflex register relay release reliance
relic remark remedy remix remove ren render replicate replication republic rescue reserved restore resume
resurrection retrieval reveal revolt rich rider ring riot roam rocket rocky role roll ros rotary rotten royce
ruff rule rumble safari saga san sanity sap sat satellite saturn sauce scala schneider scholar scratch scrum
seat segment select semiconductor sensor shadow shanghai sharp shelly shorts sim site skeleton sketch skill
sleep smart smashing snapshot snort socket solid son sonar southern southwest spaceship speaker spectrum
sphinx spiegel spine spotlight square starling starship steam steinberg stick stimulus stoke street strike
stylus sub substrate subtitle subversion subway sui suite summer sumo sunrise sway symphony sync taco tag take
tape target task teal ted tele telegram telegraph temperature template temporary tensor term terminal tester
testing textual thermostat thing threads three throttle throughput tidal tide tie tile tina tinder tolerant
toll ton top topic tor track tracker transform transit transmission transport travel travis tree trek trip
triple trove truth try turbo turkish tuxedo twenty twin twitch twitter two typo ultra under union unit united
unity unreal uphold utility vanilla vapor vauxhall vega versatile version vibration view virgin visa vision
vita viva void volume vox wallet warm warp washington wave wear weather weaver welcome western what wine wise
wish woo workplace world wrestling writer yale year yelp yew york zara zebra zed zen zig zip
""".split())

# Japanese words (mostly katakana loanwords) that are also product names.
COMMON_JA = frozenset("""
ラスト ルビー ノート ラムダ ゴー スウィフト ジュリア グルー アテナ
バッチ バックアップ スラック ノーション スプリング リアクト エクスプレス ヘルム シェフ
ライン ズーム ボックス ミックス アップル
""".split())


class Lexicon:
    """Sudachi's dictionary (installed with ja_ginza) as a list of known words: a token it knows
    ("Wikipedia", "Syntax", "Smith") is a word, not a typo."""

    def __init__(self):
        from sudachipy import dictionary, tokenizer

        self.tok = dictionary.Dictionary(dict="core").create()
        self.mode = tokenizer.Tokenizer.SplitMode.C

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def shared() -> "Lexicon":
        """One dictionary per process (loading it takes about half a second): the typo index, the
        tool and company proposals all read the same one."""
        return Lexicon()

    def unknown(self, word: str) -> bool:
        """True when Sudachi reads ``word`` as one out-of-vocabulary token (and, for a word ending
        in 's', when it does not know the singular either)."""
        ms = self.tok.tokenize(word, self.mode)
        if len(ms) != 1 or not ms[0].is_oov():
            return False
        if word.endswith("s") and len(word) > 4:
            single = self.tok.tokenize(word[:-1], self.mode)
            return len(single) == 1 and single[0].is_oov()
        return True
