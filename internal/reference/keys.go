package reference

import (
	"sort"

	"github.com/invopop/jsonschema"

	"github.com/careprint/careprint/internal/routine"
)

// note is what the docs and schemas say about one key beyond its Go type
// and doc comment: a description where the field has no comment, the
// default when it is left out, an example, and the values allowed.
type note struct {
	desc    string
	def     any // the value used when the key is left out; nil: none
	example any
	enum    []string // allowed values (of a list's items)
	pattern string
	schema  func() *jsonschema.Schema // replaces the reflected schema
}

const (
	idPattern   = `^[a-z0-9][a-z0-9-]*$`
	datePattern = `^\d{4}-\d{2}-\d{2}$`
)

func markKinds() []string {
	var out []string
	for k := range routine.MarkKinds() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// keys has a note for every key of every file, by <Go type>.<key>; a key
// without one fails the schema test.
func keys() map[string]note {
	words := "Words: one text, or a text per language ({en: ..., es: ...})"
	return map[string]note{
		"Config.templates": {desc: "The folder of the clinic's own routines (routines/), translations (translations/<lang>/) and interface words (i18n/), relative to the config file. They add to the built-in ones, or replace one with the same id.", def: "templates", example: "templates"},
		"Config.out":       {desc: "The folder the handouts are written to, relative to the config file.", def: "out", example: "out"},
		"Config.smtp":      {desc: "The clinic's mail server, for careprint send and make --email. The password comes from CAREPRINT_SMTP_PASSWORD only.", example: map[string]any{"host": "smtp.riverside.example", "user": "care@riverside.example", "from": "care@riverside.example"}},
		"Config.clinics":   {desc: "The clinics, each with its own branding, languages and routines. At least one.", example: []any{map[string]any{"id": "riverside", "name": "Riverside Family Lactation Clinic"}}},

		"Clinic.id":               {desc: "The clinic's id: lower-case letters, digits and dashes. It names the clinic's folder in out/.", example: "riverside", pattern: idPattern},
		"Clinic.name":             {desc: "The clinic's name, printed at the top of every handout.", example: "Riverside Family Lactation Clinic"},
		"Clinic.contact":          {desc: "How families reach the clinic, printed on every handout.", example: map[string]any{"phone": "(555) 010-0142"}},
		"Clinic.logo":             {desc: "The clinic's logo: a PNG or JPEG file, relative to the config file. Printed at the top of each handout.", example: "assets/logos/riverside.png"},
		"Clinic.colors":           {desc: "The clinic's brand colours.", example: map[string]any{"primary": "#0F6E66"}},
		"Clinic.country":          {desc: "The clinic's country as a two-letter code (US, CA, PH, FR...): it sets the paper when paper is left out.", example: "US"},
		"Clinic.paper":            {desc: "The paper size of the PDF handouts. Left out: letter in North and Central America, the Philippines, Chile, Colombia and Venezuela, a4 elsewhere.", def: "a4", example: "letter", enum: []string{"a4", "letter", "a5"}},
		"Clinic.languages":        {desc: "The languages of the handouts: tags such as en, es, pt-BR, zh-Hans (careprint list languages).", def: []any{"en"}, example: []any{"en", "es"}},
		"Clinic.routines":         {desc: "The routines (by id) this clinic hands out (careprint list routines). Left out: all of them.", example: []any{"tbml", "rps"}},
		"Clinic.formats":          {desc: "What to make: pdf (the handouts) and png (step cards and a poster).", def: []any{"pdf", "png"}, example: []any{"pdf"}, enum: []string{"pdf", "png"}},
		"Clinic.png":              {desc: "Pixel sizes of the PNG step cards and poster.", example: map[string]any{"card": map[string]any{"width": 1080, "height": 1080}}},
		"Clinic.review":           {desc: "When the handouts were last reviewed, and by whom: printed on each. date is required.", example: map[string]any{"date": "2026-11-01", "by": "Lactation team, IBCLC"}},
		"Clinic.variants":         {desc: "The clinic's choices where sources disagree (careprint list variants). A routine's steps and words follow them.", def: routine.DefaultVariants(), example: map[string]any{"compress": "warm-before"}, schema: func() *jsonschema.Schema { return variantsObject(false) }},
		"Clinic.timing":           {desc: "The clinic's own durations and counts: routine id, then step id, then duration and/or repeat.", example: map[string]any{"tbml": map[string]any{"warm": map[string]any{"duration": map[string]any{"min": 3, "max": 5, "unit": "minutes"}}}}},
		"Clinic.overrides":        {desc: "Changes to a routine without copying it, by routine id: steps to drop, a local note, a step's own words or picture.", example: map[string]any{"tbml": map[string]any{"drop": []any{"cold"}}}},
		"Clinic.large_print":      {desc: "Large print for this clinic: 18 pt text, one column, larger pictures.", def: false, example: true},
		"Clinic.fallback":         {desc: "When a handout's words are not all in its language: report (build it, and say which strings are in another language) or refuse (an error).", def: "report", example: "refuse", enum: []string{"report", "refuse"}},
		"Clinic.links":            {desc: "Web pages shown as a QR code with the address beside it: video on every handout and plan, routines for one routine's handout (replacing video there).", example: map[string]any{"video": "https://riverside.example/videos/breast-massage"}},
		"Clinic.own_language":     {desc: "The language the clinic's name, contact and address are written in. A screen reader reads them in that language on a handout in another.", def: "en", example: "es"},
		"Clinic.require_reviewed": {desc: "true refuses handouts whose words come from a draft translation.", def: false, example: true},

		"Contact.phone":   {desc: "A phone number, as it should be printed.", example: "(555) 010-0142"},
		"Contact.email":   {desc: "An email address.", example: "care@riverside.example"},
		"Contact.web":     {desc: "A web address.", example: "riverside.example/feeding"},
		"Contact.address": {desc: "A postal address, on one line.", example: "1200 Example Avenue, Suite 4, Springfield"},

		"Colors.primary": {desc: "Headings, step numbers and the marks on the pictures. In quotes: a bare #... is a YAML comment.", def: "#0F6E66", example: "#5B2A86", pattern: `^#[0-9A-Fa-f]{6}$`},
		"Colors.accent":  {desc: "The warning box. In quotes, like primary.", def: "#B4462C", example: "#B4462C", pattern: `^#[0-9A-Fa-f]{6}$`},

		"PNG.card":    {desc: "The step cards' size.", def: map[string]any{"width": 1080, "height": 1080}, example: map[string]any{"width": 1080, "height": 1350}},
		"PNG.poster":  {desc: "The poster's size.", def: map[string]any{"width": 1080, "height": 1920}, example: map[string]any{"width": 1080, "height": 1920}},
		"Size.width":  {desc: "Width in pixels, 200 to 6000.", example: 1080},
		"Size.height": {desc: "Height in pixels, 200 to 6000.", example: 1080},

		"Review.date":    {desc: "When the handouts were last reviewed, as YYYY-MM-DD. Required; it also dates the files.", example: "2026-11-01", pattern: datePattern},
		"Review.by":      {desc: "Who reviewed the handouts.", example: "Lactation team, IBCLC"},
		"Review.version": {desc: "The handouts' version, printed beside the date. In quotes, so 1.0 stays 1.0.", def: "1.0", example: "1.1"},

		"Links.video":    {desc: "A web page for every handout and plan (a video of the technique, a booking page): a full http or https address.", example: "https://riverside.example/videos/breast-massage"},
		"Links.routines": {desc: "A web page for one routine's handout, by routine id; it replaces video there.", example: map[string]any{"tbml": "https://riverside.example/videos/tbml"}},

		"SMTP.host":    {desc: "The mail server careprint send and make --email use (CAREPRINT_SMTP_HOST overrides it).", example: "smtp.riverside.example"},
		"SMTP.port":    {desc: "The mail server's port (CAREPRINT_SMTP_PORT).", def: 587, example: 587},
		"SMTP.user":    {desc: "The user name to log in with (CAREPRINT_SMTP_USER). The password comes from CAREPRINT_SMTP_PASSWORD only.", example: "care@riverside.example"},
		"SMTP.from":    {desc: "The sender's address (CAREPRINT_SMTP_FROM).", example: "care@riverside.example"},
		"SMTP.tls":     {desc: "starttls: the session is encrypted before logging in, or nothing is sent. none: plain text, accepted only for a server on this machine (CAREPRINT_SMTP_TLS).", def: "starttls", example: "starttls", enum: []string{"starttls", "none"}},
		"SMTP.ca_file": {desc: "A PEM file of certificate authorities to trust instead of the system's, for a server with a private certificate (CAREPRINT_SMTP_CA_FILE).", example: "certs/mail-ca.pem"},

		"Override.drop":  {desc: "The ids of the steps to leave out (careprint list routines shows them).", example: []any{"cold"}},
		"Override.note":  {desc: "A local note printed on the handout, e.g. your nurse line. " + words + ".", example: "Call our nurse line: (555) 010-0142."},
		"Override.steps": {desc: "The clinic's own words or picture for a step, by step id.", example: map[string]any{"warm": map[string]any{"text": "Use the warm pack from your kit."}}},

		"StepOverride.title":   {desc: "The step's title. " + words + ".", example: "Warm the breast"},
		"StepOverride.text":    {desc: "The step's text. " + words + "; {duration} and {count} are filled in.", example: map[string]any{"en": "Use the warm pack from your kit for {duration}.", "es": "Usa la compresa tibia de tu kit durante {duration}."}},
		"StepOverride.caption": {desc: "The step's one line on its PNG card. " + words + ".", example: "Warm the breast for {duration}."},
		"StepOverride.image":   {desc: "The clinic's own picture for the step, in place of the drawing: PNG or JPEG, relative to the config file.", example: "images/warm-pack.png"},

		"Timing.duration": {desc: "How long, replacing the step's duration; unit may be left out to keep the step's.", example: map[string]any{"min": 2, "max": 3}},
		"Timing.repeat":   {desc: "How many times, replacing the step's count.", example: map[string]any{"count": 5}},
		"Duration.min":    {desc: "The shortest time, above 0 (or the only time, without max).", example: 1},
		"Duration.max":    {desc: "The longest time, at least min; leave out for exactly min.", example: 2},
		"Duration.unit":   {desc: "seconds or minutes.", example: "minutes", enum: []string{"seconds", "minutes"}},
		"Repeat.count":    {desc: "How many times: 1 to 10000. {count} in the step's words prints it.", example: 10},
		"Repeat.per":      {desc: "What the count is for: side, breast, feed or session; leave out for none.", example: "side", enum: []string{"side", "breast", "feed", "session"}},

		"Routine.id":             {desc: "The routine's id: lower-case letters, digits and dashes. A file with a built-in routine's id replaces it.", example: "tbml", pattern: idPattern},
		"Routine.title":          {desc: "The handout's title.", example: "Therapeutic breast massage"},
		"Routine.summary":        {desc: "A few short sentences under the title: what this is and why.", example: "Gentle massage can ease a plugged duct."},
		"Routine.version":        {desc: "The routine's version. In quotes.", example: "1.1"},
		"Routine.layout":         {desc: "steps: numbered steps; sheet: a one-page glossary, a picture and a caption for each entry, no numbers.", def: "steps", example: "sheet", enum: []string{"steps", "sheet"}},
		"Routine.steps":          {desc: "The steps, in order. At least one.", example: []any{map[string]any{"id": "warm", "title": "Warm the breast", "text": "..."}}},
		"Routine.tips":           {desc: "Short tips, one sentence each.", example: []any{"Keep the pressure gentle."}},
		"Routine.remember":       {desc: "At most three short lines for the remember box that closes the handout.", example: []any{"Touch lightly. Move only the skin."}},
		"Routine.tool":           {desc: "The page tool printed with the remember box: ticks (a tick strip, a row a day) or log (a day-by-day log that says when to call).", example: "ticks", enum: routine.Tools()},
		"Routine.red_flags":      {desc: "When to stop and call a provider. Required: every handout carries warning signs.", example: []any{"You have a fever, chills or flu-like aches."}},
		"Routine.red_flags_note": {desc: "A note after the warning signs, e.g. when a problem must be treated first.", example: "Massage does not treat these problems."},
		"Routine.references":     {desc: "The sources the routine's facts and numbers come from. Required: every handout cites its sources.", example: []any{"Author A. Title. Journal. 2022;1(1):1-2."}},

		"Step.id":           {desc: "The step's id, used by translations, overrides, timing and drop. Default step-1, step-2, ...", example: "warm", pattern: idPattern},
		"Step.title":        {desc: "The step's title, a verb first.", example: "Warm the breast"},
		"Step.text":         {desc: "What to do, in short sentences. {duration} and {count} print the step's timing.", example: "Put a warm, damp cloth on your breast for {duration}."},
		"Step.caption":      {example: "Warm the breast for {duration}."},
		"Step.duration":     {desc: "How long the step takes; {duration} in the words prints it in the handout's language, e.g. 2 to 3 minutes.", example: map[string]any{"min": 3, "max": 5, "unit": "minutes"}},
		"Step.repeat":       {desc: "How many times; {count} in the words prints the number, and the step shows a badge such as 5 times each side.", example: map[string]any{"count": 10, "per": "side"}},
		"Step.illustration": {desc: "The step's picture: a view of the body and the marks drawn on it.", example: map[string]any{"view": "front", "description": "A warm cloth on one breast.", "marks": []any{map[string]any{"kind": "warm", "at": "breast", "side": "right"}}}},
		"Step.only":         {example: map[string]any{"compress": []any{"cold-after", "both"}}, schema: func() *jsonschema.Schema { return variantsObject(true) }},
		"Step.variants":     {example: []any{map[string]any{"when": map[string]any{"direction": "nipple"}, "text": "Stroke toward the nipple."}}},

		"Illustration.view":        {def: "front", example: "closeup", enum: []string{"front", "closeup", "side"}},
		"Illustration.description": {desc: "The picture in words (alt text), for readers who cannot see it. Required.", example: "A warm cloth lies on one breast."},
		"Illustration.marks":       {desc: "The marks drawn on the body (see marks.md).", example: []any{map[string]any{"kind": "circles", "at": "armpit", "side": "both", "count": 10}}},

		"Mark.kind":  {desc: "What the mark draws (see marks.md, or careprint list marks).", example: "sweep", enum: markKinds()},
		"Mark.at":    {desc: "The landmark the mark is drawn at, for the marks that need one.", example: "armpit", enum: routine.Landmarks()},
		"Mark.from":  {desc: "The landmark a sweep or glide starts at.", example: "breast", enum: routine.Landmarks()},
		"Mark.to":    {desc: "The landmark a sweep or glide ends at.", example: "armpit", enum: routine.Landmarks()},
		"Mark.side":  {def: "both", example: "right", enum: []string{"left", "right", "both"}},
		"Mark.count": {example: 10},
		"Mark.hand":  {desc: "The hand pose drawn where the mark starts (or, on a hand mark, at its landmark); palm and fist are read as flat-palm and soft-fist.", example: "flat-palm", enum: append(routine.HandPoses(), "palm", "fist")},
		"Mark.clock": {desc: "For an opposing mark: the opposing finger positions on a clock face.", example: "12-6"},
		"Mark.label": {desc: "For a zone: a short label written beside it.", example: "sore spot"},
		"Mark.order": {desc: "For marks done one after another in one picture: 1, 2, ... is drawn in a badge where the mark starts.", example: 1},

		"StepVariant.when":         {desc: "The choices the variant is for, all of them: option: value.", example: map[string]any{"direction": "nipple"}, schema: func() *jsonschema.Schema { return variantsObject(false) }},
		"StepVariant.title":        {desc: "The step's title for these choices.", example: "Stroke toward the nipple"},
		"StepVariant.text":         {desc: "The step's text for these choices.", example: "Stroke from the armpit toward the nipple."},
		"StepVariant.caption":      {desc: "The card's line for these choices.", example: "Stroke toward the nipple."},
		"StepVariant.illustration": {desc: "The picture for these choices (view and description as a step's).", example: map[string]any{"description": "Strokes toward the nipple.", "marks": []any{map[string]any{"kind": "sweep", "from": "armpit", "to": "nipple"}}}},

		"Translation.language":       {desc: "The language tag; it must match the file's folder.", example: "es"},
		"Translation.routine":        {desc: "The id of the routine translated.", example: "tbml", pattern: idPattern},
		"Translation.status":         {desc: "draft or reviewed, alone (status: draft) or with who reviewed it and when: {state: reviewed, by: ..., date: YYYY-MM-DD}.", example: "draft"},
		"Translation.title":          {desc: "The title, translated.", example: "Masaje terapéutico del pecho"},
		"Translation.summary":        {desc: "The summary, translated.", example: "..."},
		"Translation.steps":          {desc: "The steps' words, by step id.", example: map[string]any{"warm": map[string]any{"title": "Calienta el pecho"}}},
		"Translation.tips":           {desc: "The tips, translated, one for each of the routine's.", example: []any{"..."}},
		"Translation.remember":       {desc: "The remember lines, translated, one for each of the routine's.", example: []any{"..."}},
		"Translation.red_flags":      {desc: "The warning signs, translated, one for each of the routine's.", example: []any{"..."}},
		"Translation.red_flags_note": {desc: "The note after the warning signs, translated.", example: "..."},

		"StepTranslation.title":       {desc: "The step's title.", example: "Calienta el pecho"},
		"StepTranslation.text":        {desc: "The step's text, with the same {duration} and {count} as the English.", example: "Pon un paño tibio y húmedo en el pecho durante {duration}."},
		"StepTranslation.caption":     {desc: "The step's line on its card.", example: "Calienta el pecho durante {duration}."},
		"StepTranslation.description": {desc: "The picture's description (alt text).", example: "Un paño tibio sobre un pecho."},
		"StepTranslation.variants":    {desc: "The words of the step's variants, keyed by their when: as option=value (several joined by commas, in alphabetical order), e.g. direction=nipple.", example: map[string]any{"direction=nipple": map[string]any{"text": "..."}}},

		"VariantTranslation.title":       {desc: "The variant's title.", example: "..."},
		"VariantTranslation.text":        {desc: "The variant's text.", example: "..."},
		"VariantTranslation.caption":     {desc: "The variant's card line.", example: "..."},
		"VariantTranslation.description": {desc: "The variant picture's description.", example: "..."},

		"Catalog.language":   {desc: "The language tag of the catalog; the file is named after it.", example: "es"},
		"Catalog.status":     {desc: "The catalog's review state: {state: draft or reviewed, by: ..., date: YYYY-MM-DD}.", example: map[string]any{"state": "reviewed", "by": "careprint team", "date": "2026-11-21"}},
		"Catalog.dir":        {def: "ltr", example: "rtl", enum: []string{"ltr", "rtl"}},
		"Catalog.months":     {example: []any{"enero", "febrero", "..."}},
		"Catalog.date":       {example: "{d} de {month} de {y}"},
		"Catalog.strings":    {desc: "The interface words by key (careprint checks every key is there).", example: map[string]any{"tips": "Consejos"}},
		"Catalog.page_tools": {desc: "The words of the pictures' legend, the remember box and the page tools, by key (careprint checks every key is there).", example: map[string]any{"remember": "Recuerda"}},
		"Catalog.plurals":    {example: map[string]any{"minutes": map[string]any{"one": "{n} minuto", "other": "{n} minutos"}}},
	}
}
