"""The one StreamField block library that every body on the site is built from."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from movement.providers import upcoming_meetup_cards

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Koptekst"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
        label=_("Niveau"),
        help_text=_("Gebruik kop 3 alleen onder een kop 2."),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=60,
        label=_("Anker"),
        help_text=_("Voor links naar deze plek (#anker). Leeg: afgeleid van de koptekst."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["anchor"] or value["text"])
        return context

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Bijschrift"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Fotograaf of bron"))

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600, label=_("Citaat"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Naam"))
    role = blocks.CharBlock(required=False, max_length=120, label=_("Rol of organisatie"))

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"


class MediaEmbedBlock(blocks.StructBlock):
    """Video or podcast. Loaded only on request, so no third party is contacted by default."""

    embed = EmbedBlock(label=_("Adres van de video of podcast"))
    title = blocks.CharBlock(max_length=150, label=_("Titel"))
    text_alternative = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Tekstalternatief"),
        help_text=_("Samenvatting of uitschrift voor wie de video niet kan zien of horen."),
    )

    class Meta:
        icon = "media"
        label = _("Video of podcast")
        template = "blocks/embed_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=150,
        label=_("Titel"),
        help_text=_("Leeg: titel van het document."),
    )
    description = blocks.CharBlock(required=False, max_length=250, label=_("Omschrijving"))

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/document_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Titel"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("Tekst"))
    page = blocks.PageChooserBlock(required=False, label=_("Pagina"))
    url = blocks.URLBlock(required=False, label=_("Of een webadres"))
    label = blocks.CharBlock(max_length=60, label=_("Tekst op de knop"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of vul een webadres in."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Oproep tot actie")
        template = "blocks/call_to_action_block.html"


class AudioBlock(blocks.StructBlock):
    audio = DocumentChooserBlock(
        label=_("Geluidsbestand"), help_text=_("Een mp3-, m4a- of ogg-bestand uit Documenten.")
    )
    title = blocks.CharBlock(max_length=150, label=_("Titel"))
    transcript = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Uitgeschreven tekst"))

    class Meta:
        icon = "media"
        label = _("Geluid met uitgeschreven tekst")
        template = "blocks/audio_block.html"


class RelatedPagesBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Titel"))
    pages = blocks.ListBlock(blocks.PageChooserBlock(), min_num=1, max_num=6, label=_("Pagina's"))

    class Meta:
        icon = "list-ul"
        label = _("Gerelateerde pagina's")
        template = "blocks/related_pages_block.html"


class UpcomingMeetupsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Titel"))
    stream = blocks.PageChooserBlock(
        required=False,
        page_type="streams.StreamPage",
        label=_("Alleen van stroom"),
    )
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=12, label=_("Aantal"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["meetups"] = upcoming_meetup_cards(stream=value["stream"], limit=value["count"])
        return context

    class Meta:
        icon = "date"
        label = _("Komende meet-ups")
        template = "blocks/upcoming_meetups_block.html"


class SpearheadBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, label=_("Speerpunt"))
    description = blocks.TextBlock(required=False, max_length=400, label=_("Toelichting"))

    class Meta:
        icon = "pick"
        label = _("Speerpunt")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Tekst"), icon="pilcrow")
    image = FigureBlock()
    quote = QuoteBlock()
    embed = MediaEmbedBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    audio = AudioBlock()
    related_pages = RelatedPagesBlock()
    upcoming_meetups = UpcomingMeetupsBlock()

    class Meta:
        block_counts = {"upcoming_meetups": {"max_num": 2}}


def plain_text_of(body):
    """All readable words of a body, for reading time and excerpts."""
    words = []
    for block in body:
        words.extend(block.block.get_searchable_content(block.value))
    return " ".join(str(w) for w in words)
